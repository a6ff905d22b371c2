package io.jdask.dataframe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The databases SQL tests run against: an embedded DuckDB file, and a PostgreSQL and a MariaDB
 * server started on first use for the whole test run (kept in JUnit's root store, so they are
 * stopped and their directories deleted when the run ends, whatever the outcome). When a server
 * cannot start, its tests are skipped with the reason, except under {@code CI=true}, where they fail.
 *
 * <p>Use as a JUnit extension: {@code @ExtendWith(TestDatabases.Resolver.class)} and a
 * {@code TestDatabases} test-method parameter.
 */
final class TestDatabases implements AutoCloseable, ExtensionContext.Store.CloseableResource {
    enum Kind { DUCKDB, POSTGRESQL, MARIADB }

    /** One database to test against. */
    record Target(Kind kind, String url, SqlOptions options, Properties properties) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        void execute(String sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        long count(String table) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT COUNT(*) FROM " + SqlDialect.of(url).quoteTable(table))) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }

    private final Map<Kind, Object> started = new EnumMap<>(Kind.class); // LocalServer, Path or the failure
    private final AtomicInteger tables = new AtomicInteger();

    /** A fresh table name, unique in this run. */
    String table(String prefix) {
        return prefix + "_" + tables.incrementAndGet();
    }

    synchronized Target target(Kind kind) {
        Object s = started.computeIfAbsent(kind, k -> {
            try {
                return switch (k) {
                    case DUCKDB -> Files.createTempDirectory("jdask-duckdb-");
                    case POSTGRESQL -> PostgresServer.start();
                    case MARIADB -> MariaDbServer.start();
                };
            } catch (Exception e) {
                return e;
            }
        });
        if (s instanceof Exception e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(kind + " test server failed to start (CI=true: not skipping)", e);
            }
            Assumptions.abort(kind + " test server unavailable: " + e.getMessage());
        }
        return switch (s) {
            case Path dir -> new Target(kind, "jdbc:duckdb:" + dir.resolve("test.db"), SqlOptions.defaults(), new Properties());
            case LocalServer server -> new Target(kind, server.url(), server.options(), server.properties());
            default -> throw new IllegalStateException();
        };
    }

    @Override
    public synchronized void close() throws Exception {
        for (Object s : started.values()) {
            switch (s) {
                case LocalServer server -> server.close();
                case Path dir -> LocalServer.deleteTree(dir);
                default -> { }
            }
        }
        started.clear();
    }

    /** Resolves a {@code TestDatabases} parameter, one instance per test run. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == TestDatabases.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(ExtensionContext.Namespace.create(TestDatabases.class))
                    .getOrComputeIfAbsent("databases", k -> new TestDatabases(), TestDatabases.class);
        }
    }
}
