package io.jdask.cli;

import io.jdask.config.Units;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.SchedulerServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdask scheduler}: runs a scheduler until it is stopped (Ctrl-C, SIGTERM) or its idle
 * timeout elapses. Prints one line saying what it is and where.
 */
@Command(
        name = "scheduler",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a scheduler that workers and clients connect to.")
final class SchedulerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Interface to listen on (default ${DEFAULT-VALUE}: all).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8786", description = "Port (default ${DEFAULT-VALUE}; 0 for any free one).")
    int port;

    @Option(names = "--scheduler-file", paramLabel = "FILE",
            description = "Write the scheduler's address to FILE (for 'jdask worker --scheduler-file'); removed on exit.")
    Path schedulerFile;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close after this long without clients and tasks, e.g. 30m (default: never).")
    String idleTimeout;

    @Option(names = "--dashboard-address", paramLabel = "ADDRESS", defaultValue = ":8787",
            description = "Where the web dashboard is served: host:port, :port or port (default ${DEFAULT-VALUE}; 'none' for no dashboard). "
                    + "When the port is taken, another one is used and printed.")
    String dashboardAddress;

    @Mixin
    SecurityOptions security;

    @Override
    public Integer call() throws Exception {
        Security sec = security.resolve(System.getenv());
        Duration idle = idleTimeout == null ? Duration.ZERO : Units.parseDuration(idleTimeout);
        SchedulerServer server = SchedulerServer.builder().host(host).port(port).security(sec).idleTimeout(idle).dashboardAddress(dashboardAddress)
                .start();
        Thread hook = new Thread(server::close, "jdask-scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (schedulerFile != null) {
                writeAddress(schedulerFile, server.address());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("scheduler " + server.address() + (host.equals(hostOf(server.address())) ? "" : " (listening on " + host + ")")
                    + ", " + SecurityOptions.describe(sec)
                    + server.dashboardLink().map(l -> ", dashboard " + l).orElse("")
                    + (idle.isZero() ? "" : ", idle timeout " + idleTimeout)
                    + (schedulerFile == null ? "" : ", address written to " + schedulerFile));
            out.flush();
            server.awaitClosed();
        } finally {
            server.close();
            if (schedulerFile != null) {
                Files.deleteIfExists(schedulerFile);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
        return 0;
    }

    private static String hostOf(String address) {
        String a = address.substring(address.indexOf("://") + 3);
        return a.substring(0, a.lastIndexOf(':'));
    }

    static void writeAddress(Path file, String address) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, address + "\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scheduler file " + file + ": " + e.getMessage(), e);
        }
    }
}
