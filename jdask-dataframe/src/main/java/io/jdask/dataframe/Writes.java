package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writers of a DataFrame: one task per partition (in parallel where the target allows it), then
 * one task that gathers what was written. They run when called, like Dask's {@code to_sql} and
 * {@code to_csv} with {@code compute=True}.
 */
final class Writes {
    private Writes() {}

    /** Inserts a partition into a prepared table. */
    record SqlWrite(String jdbcUrl, String table, int chunkSize, int partition, SqlOptions options) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return Sql.write((Frame) args[0], jdbcUrl, table, chunkSize, partition, options);
        }
    }

    /** Writes a partition to its own CSV file. */
    record CsvWrite(String file, CsvWriteOptions options) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Csv.write((Frame) args[0], Path.of(file), options);
            return file;
        }
    }

    /** Appends a partition to one CSV file, after the previous partition's append (args[1]). */
    record CsvAppend(String file, CsvWriteOptions options, boolean first) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws java.io.IOException {
            if (first) {
                Files.deleteIfExists(Path.of(file));
            }
            Csv.append((Frame) args[0], Path.of(file), options);
            return file;
        }
    }

    /** Writes a partition to its own Parquet file. */
    record ParquetWrite(String file) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Parquet.write((Frame) args[0], Path.of(file));
            return file;
        }
    }

    /** The total of the partitions' row counts. */
    record SumLongs() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            long total = 0;
            for (Object o : (List<?>) args[0]) {
                total += (Long) o;
            }
            return total;
        }
    }

    /** The list of the partitions' results. */
    record Collect() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return List.copyOf((List<?>) args[0]);
        }
    }

    static long toSql(DataFrame df, String jdbcUrl, String table, IfExists ifExists, int chunkSize, SqlOptions options) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, not " + chunkSize);
        }
        Parts parts = df.parts();
        Sql.prepareTable(jdbcUrl, table, parts.meta(), ifExists, options);
        String name = "to-sql-" + Tokens.token(parts.name(), jdbcUrl, table, chunkSize);
        List<Node> nodes = new ArrayList<>();
        List<Key> written = new ArrayList<>();
        for (int i = 0; i < parts.npartitions(); i++) {
            Key k = Key.of(name, i);
            nodes.add(new Task(k, new SqlWrite(jdbcUrl, table, chunkSize, i, options), Arg.ref(parts.key(i))));
            written.add(k);
        }
        Key total = Key.of(name + "-total", 0);
        nodes.add(new Task(total, new SumLongs(), Arg.refs(written)));
        return Delayed.<Long>of(total, Graph.of(nodes, List.of(parts.graph()))).compute();
    }

    static List<Path> toCsv(DataFrame df, String pattern, CsvWriteOptions options) {
        Parts parts = df.parts();
        String name = "to-csv-" + Tokens.token(parts.name(), pattern);
        List<TaskFunction> writes = new ArrayList<>();
        for (int i = 0; i < parts.npartitions(); i++) {
            writes.add(new CsvWrite(Csv.partFile(pattern, i).toString(), options));
        }
        return collect(parts, name, writes);
    }

    static Path toSingleCsv(DataFrame df, Path file, CsvWriteOptions options) {
        Parts parts = df.parts();
        String name = "to-csv-single-" + Tokens.token(parts.name(), file.toString());
        List<Node> nodes = new ArrayList<>();
        Key previous = null;
        for (int i = 0; i < parts.npartitions(); i++) {
            Key k = Key.of(name, i);
            CsvAppend append = new CsvAppend(file.toString(), options, i == 0);
            nodes.add(previous == null ? new Task(k, append, Arg.ref(parts.key(i)))
                    : new Task(k, append, Arg.ref(parts.key(i)), Arg.ref(previous)));
            previous = k;
        }
        return Path.of(Delayed.<String>of(previous, Graph.of(nodes, List.of(parts.graph()))).compute());
    }

    static List<Path> toParquet(DataFrame df, String pattern) {
        Parts parts = df.parts();
        String name = "to-parquet-" + Tokens.token(parts.name(), pattern);
        List<TaskFunction> writes = new ArrayList<>();
        for (int i = 0; i < parts.npartitions(); i++) {
            writes.add(new ParquetWrite(Csv.partFile(pattern, i).toString()));
        }
        return collect(parts, name, writes);
    }

    private static List<Path> collect(Parts parts, String name, List<TaskFunction> writes) {
        List<Node> nodes = new ArrayList<>();
        List<Key> done = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            Key k = Key.of(name, i);
            nodes.add(new Task(k, writes.get(i), Arg.ref(parts.key(i))));
            done.add(k);
        }
        Key all = Key.of(name + "-all", 0);
        nodes.add(new Task(all, new Collect(), Arg.refs(done)));
        List<String> files = Delayed.<List<String>>of(all, Graph.of(nodes, List.of(parts.graph()))).compute();
        return files.stream().map(Path::of).toList();
    }
}
