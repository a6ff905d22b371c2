package io.jdask.dataframe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One open DuckDB database per file in this process. DuckDB lets a process attach a database file
 * once: opening a second, independent connection to the same file while the first is open (as
 * parallel partition reads and writes do) fails with "Unique file handle conflict". So the first
 * connection to a file stays open (until {@link #close}) and every connection handed out is a
 * {@code duplicate()} of it: its own connection, sharing the database. In-memory URLs
 * ({@code jdbc:duckdb:} alone) are not shared.
 *
 * <p>A process that opened a file read-write holds DuckDB's lock on it: no other process can open
 * it, not even read-only, until {@link #close} and every connection handed out are closed. Any
 * number of processes may hold it read-only at once (driver property {@code duckdb.read_only=true}).
 */
final class DuckDbInstances {
    /** The first connection per URL and driver properties. */
    private record Root(String url, Map<String, String> properties) {}

    private static final Map<Root, Connection> ROOTS = new HashMap<>();

    private DuckDbInstances() {}

    static boolean isFile(String url) {
        String path = path(url);
        return !path.isEmpty() && !path.equals(":memory:") && !path.startsWith(":memory:");
    }

    private static String path(String url) {
        String rest = url.substring("jdbc:duckdb:".length());
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    static Connection connect(String url, Properties properties) throws SQLException {
        Map<String, String> props = new TreeMap<>();
        for (String k : properties.stringPropertyNames()) {
            props.put(k, properties.getProperty(k));
        }
        Root key = new Root(url, props);
        Connection root;
        synchronized (ROOTS) {
            root = ROOTS.get(key);
            if (root == null || root.isClosed()) {
                root = DriverManager.getConnection(url, properties);
                ROOTS.put(key, root);
            }
        }
        return ((org.duckdb.DuckDBConnection) root).duplicate();
    }

    /**
     * Closes this process's first connections to the file of {@code url} (whatever their URL
     * parameters and properties); the database closes, and its lock is released, when the
     * connections handed out are closed too.
     *
     * @return how many were closed
     */
    static int close(String url) throws SQLException {
        String path = path(url);
        int closed = 0;
        SQLException failure = null;
        synchronized (ROOTS) {
            for (Iterator<Map.Entry<Root, Connection>> it = ROOTS.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Root, Connection> e = it.next();
                if (path(e.getKey().url()).equals(path)) {
                    it.remove();
                    try {
                        if (!e.getValue().isClosed()) {
                            e.getValue().close();
                            closed++;
                        }
                    } catch (SQLException x) {
                        failure = failure == null ? x : failure;
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return closed;
    }
}
