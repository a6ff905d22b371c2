package io.jdask.dataframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway database server for tests: its own data directory under a temp dir, bound to
 * 127.0.0.1 on a free port; {@link #close} stops it and deletes the directory.
 */
abstract class LocalServer implements AutoCloseable {
    final Path dir;
    final int port;
    final boolean asRoot;

    LocalServer(String prefix) throws IOException {
        this.dir = Files.createTempDirectory(prefix);
        this.port = freePort();
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    /** The JDBC URL of the test database. */
    abstract String url();

    /** Properties (credentials) to connect with. */
    abstract Properties properties();

    SqlOptions options() {
        return SqlOptions.of(properties());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), properties());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Runs a command to completion (bounded), failing with its output when it fails. */
    static String run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out;
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("timed out after " + timeoutSeconds + " s: " + command);
        }
        out = p.getInputStream().readAllBytes();
        String text = new String(out);
        if (p.exitValue() != 0) {
            throw new IOException("exit " + p.exitValue() + " from " + command + ":\n" + text);
        }
        return text;
    }

    /** The command, run as {@code user} through runuser when this JVM runs as root. */
    List<String> as(String user, String... command) {
        List<String> c = new ArrayList<>();
        if (asRoot) {
            c.addAll(List.of("runuser", "-u", user, "--"));
        }
        c.addAll(List.of(command));
        return c;
    }

    /** Waits (bounded) until a JDBC connection succeeds. */
    void awaitConnectable(Process process, long timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + ": " + logTail());
            }
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IOException("server did not accept connections within " + timeoutSeconds + " s: " + last + "\n" + logTail());
    }

    String logTail() {
        return "";
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
