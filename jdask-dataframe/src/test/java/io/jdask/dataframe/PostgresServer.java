package io.jdask.dataframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * PostgreSQL from Debian's server binaries ({@code /usr/lib/postgresql/<version>/bin}): initdb with
 * password authentication for user {@code jdask}, then pg_ctl on 127.0.0.1. PostgreSQL refuses to
 * run as root, so under root the server runs as the {@code postgres} system user (via runuser),
 * which owns the temp data directory.
 */
final class PostgresServer extends LocalServer {
    static final String USER = "jdask";
    static final String PASSWORD = "jdask-secret";
    private final Path bin;
    private final Path data;

    private PostgresServer(Path bin) throws IOException {
        super("jdask-pg-");
        this.bin = bin;
        this.data = dir.resolve("data");
    }

    /** @return the bin directory of the newest installed PostgreSQL, or null */
    static Path findBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (var s = Files.list(root)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/initdb")) && Files.isExecutable(p.resolve("bin/pg_ctl")))
                    .max((a, b) -> Integer.compare(version(a), version(b))).map(p -> p.resolve("bin")).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int version(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static PostgresServer start() throws Exception {
        Path bin = findBin();
        if (bin == null) {
            throw new IOException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");
        }
        PostgresServer s = new PostgresServer(bin);
        try {
            s.init();
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    private void init() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n");
        if (asRoot) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), 30);
        }
        run(as("postgres", bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pw,
                "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"), 120);
        run(as("postgres", bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=50", "start"), 90);
        awaitConnectable(null, 30);
    }

    @Override
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return p;
    }

    @Override
    String logTail() {
        try {
            String s = Files.readString(dir.resolve("log"));
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                run(as("postgres", bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
                        "-t", "60", "stop"), 90);
            }
        } finally {
            deleteTree(dir);
        }
    }
}
