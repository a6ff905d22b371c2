package io.jdask.dataframe;

import java.util.List;

/** {@link Melt#melt} of every partition (wide to long; the result has no index and unknown divisions). */
record LazyMelt(List<String> idVars, List<String> valueVars, String varName, String valueName) implements Parts.FrameOp {
    @Override
    public Frame apply(Frame f) {
        return Melt.melt(f, idVars, valueVars, varName, valueName);
    }

    static DataFrame melt(DataFrame df, List<String> idVars, List<String> valueVars, String varName, String valueName) {
        LazyMelt op = new LazyMelt(List.copyOf(idVars), List.copyOf(valueVars), varName, valueName);
        return new DataFrame(df.parts().map("melt", op, false));
    }
}
