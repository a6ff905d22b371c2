package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source over in-memory partitions that records what it is asked: which partitions are read
 * with which columns, and which filters were pushed. Projection and filtering are honoured
 * (filters prune whole partitions whose rows all fail, like row-group statistics would).
 */
record RecordingSource(String id, List<String> columns, List<ColumnFilter> filters) implements PartitionSource {
    static final Map<String, List<Frame>> DATA = new ConcurrentHashMap<>();
    static final Map<String, List<String>> LOG = new ConcurrentHashMap<>();

    static RecordingSource of(String id, List<Frame> partitions) {
        DATA.put(id, partitions);
        LOG.put(id, Collections.synchronizedList(new ArrayList<>()));
        return new RecordingSource(id, partitions.get(0).columnNames(), List.of());
    }

    static List<String> log(String id) {
        synchronized (LOG.get(id)) {
            return new ArrayList<>(LOG.get(id));
        }
    }

    @Override
    public String name() {
        return "read-test";
    }

    @Override
    public Frame meta() {
        return DATA.get(id).get(0).head(0).select(columns.toArray(String[]::new));
    }

    @Override
    public int numPartitions() {
        return DATA.get(id).size();
    }

    @Override
    public Optional<List<Comparable<?>>> divisions() {
        return Optional.empty();
    }

    @Override
    public Frame read(int partition) {
        LOG.get(id).add("read " + partition + " " + columns + (filters.isEmpty() ? "" : " where " + filters));
        Frame f = DATA.get(id).get(partition);
        if (!filters.isEmpty()) {
            Column m = Kernels.mask(f, filters);
            boolean any = false;
            for (int i = 0; i < m.length(); i++) {
                any |= m.getBoolean(i);
            }
            if (!any) {
                f = f.head(0);
            }
        }
        return f.select(columns.toArray(String[]::new));
    }

    @Override
    public PartitionSource project(List<String> cols) {
        LOG.get(id).add("project " + cols);
        return new RecordingSource(id, cols, filters);
    }

    @Override
    public PartitionSource filter(List<ColumnFilter> conjunction) {
        LOG.get(id).add("filter " + conjunction);
        return new RecordingSource(id, columns, conjunction);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString(id);
        sink.put(columns);
        sink.put(filters);
    }
}
