package io.jdask.dataframe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB from Debian's {@code mariadb-server}: mariadb-install-db into a temp data directory,
 * then mariadbd on 127.0.0.1 with its socket and pid file in that directory. Under root the server
 * is started with {@code --user=root} (it refuses root otherwise); the root account has no
 * password and the tests use a database {@code jdask}.
 */
final class MariaDbServer extends LocalServer {
    private Process process;

    private MariaDbServer() throws IOException {
        super("jdask-mariadb-");
    }

    static Path findServer() {
        for (String p : List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    static Path findInstallDb() {
        for (String p : List.of("/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    static MariaDbServer start() throws Exception {
        Path server = findServer();
        Path installDb = findInstallDb();
        if (server == null || installDb == null) {
            throw new IOException("no MariaDB server binaries (mariadbd, mariadb-install-db): apt-get install mariadb-server");
        }
        MariaDbServer s = new MariaDbServer();
        try {
            s.init(server, installDb);
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    private List<String> common() {
        List<String> c = new ArrayList<>(List.of("--no-defaults", "--datadir=" + dir.resolve("data")));
        if (asRoot) {
            c.add("--user=root");
        }
        return c;
    }

    private void init(Path server, Path installDb) throws Exception {
        List<String> install = new ArrayList<>(List.of(installDb.toString()));
        install.addAll(common());
        install.addAll(List.of("--auth-root-authentication-method=normal", "--skip-test-db"));
        run(install, 180);
        List<String> start = new ArrayList<>(List.of(server.toString()));
        start.addAll(common());
        start.addAll(List.of("--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--log-error=" + dir.resolve("error.log"),
                "--character-set-server=utf8mb4", "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--skip-log-bin",
                "--innodb-flush-log-at-trx-commit=0", "--max-connections=50"));
        process = new ProcessBuilder(start).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        awaitConnectable(process, 60, "jdbc:mariadb://127.0.0.1:" + port + "/");
        try (var c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", properties());
                var st = c.createStatement()) {
            st.execute("CREATE DATABASE jdask CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private void awaitConnectable(Process p, long seconds, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("mariadbd exited with " + p.exitValue() + ": " + logTail());
            }
            try (var c = java.sql.DriverManager.getConnection(url, properties())) {
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IOException("mariadbd did not accept connections within " + seconds + " s: " + last + "\n" + logTail());
    }

    @Override
    String url() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/jdask";
    }

    @Override
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "");
        return p;
    }

    @Override
    String logTail() {
        try {
            String s = Files.readString(dir.resolve("error.log"));
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }
}
