package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chooses column types from sampled text: the narrowest of BOOL, I64, F64, DATE, TIMESTAMP that
 * every non-missing sampled value parses as (with the same parsers the reader uses), else STRING.
 * A column with no sampled value is F64, as in pandas.
 */
final class CsvInference {
    private CsvInference() {}

    static List<DType> infer(List<List<String>> rows, List<String> names, CsvOptions o) {
        List<DType> out = new ArrayList<>(names.size());
        Set<String> na = o.naValues();
        for (int f = 0; f < names.size(); f++) {
            String name = names.get(f);
            DType declared = o.schema().get(name);
            if (declared != null) {
                out.add(declared);
                continue;
            }
            List<char[]> values = new ArrayList<>();
            for (List<String> r : rows) {
                if (f < r.size() && !na.contains(r.get(f))) {
                    values.add(r.get(f).toCharArray());
                }
            }
            if (o.parseDates().contains(name)) {
                out.add(DType.TIMESTAMP);
                continue;
            }
            out.add(infer(values, o.inferDates()));
        }
        return out;
    }

    private static DType infer(List<char[]> values, boolean dates) {
        if (values.isEmpty()) {
            return DType.F64;
        }
        if (all(values, v -> CsvText.parseBoolean(v, 0, v.length))) {
            return DType.BOOL;
        }
        if (all(values, v -> CsvText.parseLong(v, 0, v.length))) {
            return DType.I64;
        }
        if (all(values, v -> CsvText.parseDouble(v, 0, v.length))) {
            return DType.F64;
        }
        if (dates && all(values, v -> CsvText.parseDate(v, 0, v.length))) {
            return DType.DATE;
        }
        if (dates && all(values, v -> CsvText.parseTimestamp(v, 0, v.length))) {
            return DType.TIMESTAMP;
        }
        return DType.STRING;
    }

    private interface Parse {
        void run(char[] v);
    }

    private static boolean all(List<char[]> values, Parse p) {
        for (char[] v : values) {
            try {
                p.run(v);
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
