package io.jdask.dataframe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One open DuckDB database per file in this process. DuckDB lets a process attach a database file
 * once: opening a second, independent connection to the same file while the first is open (as
 * parallel partition reads and writes do) fails with "Unique file handle conflict". So the first
 * connection to a file stays open for the life of the process and every connection handed out is a
 * {@code duplicate()} of it: its own connection, sharing the database. In-memory URLs
 * ({@code jdbc:duckdb:} alone) are not shared.
 */
final class DuckDbInstances {
    private static final Map<String, Connection> ROOTS = new HashMap<>();

    private DuckDbInstances() {}

    static boolean isFile(String url) {
        String rest = url.substring("jdbc:duckdb:".length());
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        return !path.isEmpty() && !path.equals(":memory:") && !path.startsWith(":memory:");
    }

    static Connection connect(String url, Properties properties) throws SQLException {
        String key = url + " " + new java.util.TreeMap<>(properties);
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
}
