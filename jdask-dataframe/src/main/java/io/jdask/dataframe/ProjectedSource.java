package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import java.util.List;
import java.util.Optional;

/** The fallback projection: read everything, then keep the requested columns. */
record ProjectedSource(PartitionSource source, List<String> columns) implements PartitionSource {

    ProjectedSource {
        columns = List.copyOf(columns);
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public Frame meta() {
        return source.meta().select(columns.toArray(String[]::new));
    }

    @Override
    public int numPartitions() {
        return source.numPartitions();
    }

    @Override
    public Optional<List<Comparable<?>>> divisions() {
        return source.divisions();
    }

    @Override
    public Frame read(int partition) {
        return source.read(partition).select(columns.toArray(String[]::new));
    }

    @Override
    public void tokenize(TokenSink sink) {
        source.tokenize(sink);
        sink.putString("project");
        for (String c : columns) {
            sink.putString(c);
        }
    }
}
