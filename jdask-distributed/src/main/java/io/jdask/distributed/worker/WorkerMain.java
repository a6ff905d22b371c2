package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.TlsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The entry point of a worker process that a {@link io.jdask.distributed.cluster.LocalCluster}
 * launches (the {@code jdask worker} command of jdask-cli is the one for people). It prints the
 * worker's one-line summary on stdout, and exits when its worker closes or when its standard input
 * reaches its end: the parent that launched it died or closed it, so no worker outlives its
 * cluster.
 *
 * <p>Arguments: {@code --scheduler ADDRESS | --scheduler-file FILE}, {@code --nthreads N
 * --memory-limit BYTES --name NAME --death-timeout-ms MS --lifetime-ms MS --local-directory DIR
 * --host HOST --resources NAME=AMOUNT,... --tls-cert PEM --tls-key PEM --tls-ca PEM --restartable
 * true|false}; the token comes from {@value Security#TOKEN_ENV}. {@code --restartable true} (its
 * nanny passes it when it restarts its worker) makes a client's restart close the worker and exit
 * with {@value #EXIT_RESTART}; without it the worker keeps running with its store emptied.
 *
 * <p>Exit codes, which its {@link io.jdask.distributed.nanny.Nanny} reads: {@value #EXIT_CLOSED}
 * when the worker closed (told by the scheduler, lifetime reached, parent gone), {@value
 * #EXIT_FAILED} when it could not start (the reason is on stderr), {@value #EXIT_MEMORY} when its
 * process memory passed the terminate fraction of its limit, {@value #EXIT_RESTART} when a client
 * asked for a restart (the nanny starts it again at once).
 */
public final class WorkerMain {
    /** Exit code: the worker closed normally. */
    public static final int EXIT_CLOSED = 0;
    /** Exit code: the worker could not start (unreachable scheduler, refused, bad arguments). */
    public static final int EXIT_FAILED = 1;
    /** Exit code: the process's memory passed {@code distributed.worker.memory.terminate} of the limit. */
    public static final int EXIT_MEMORY = 75;
    /** Exit code: a client asked the cluster to restart ({@code --restartable true}); start it again now. */
    public static final int EXIT_RESTART = 76;

    private WorkerMain() {}

    /**
     * @param args the arguments above
     */
    public static void main(String[] args) {
        ReleasedMemory.enabled(true);
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (!opts.containsKey("scheduler") && !opts.containsKey("scheduler-file")) {
            fail("--scheduler ADDRESS or --scheduler-file FILE is required");
        }
        TlsOptions tls = opts.containsKey("tls-cert")
                ? new TlsOptions(Path.of(opts.get("tls-cert")), Path.of(opts.get("tls-key")), Path.of(opts.get("tls-ca"))) : null;
        Worker.Builder b = Worker.builder()
                .nthreads(Integer.parseInt(opts.getOrDefault("nthreads", "1")))
                .memoryLimit(Long.parseLong(opts.getOrDefault("memory-limit", "0")))
                .deathTimeout(Duration.ofMillis(Long.parseLong(opts.getOrDefault("death-timeout-ms", "60000"))))
                .lifetime(Duration.ofMillis(Long.parseLong(opts.getOrDefault("lifetime-ms", "0"))))
                .host(opts.getOrDefault("host", "127.0.0.1"))
                .resources(parseResources(opts.getOrDefault("resources", "")))
                .security(new Security(Security.resolveToken(null, null, System.getenv()).orElse(null), tls))
                .onMemoryTerminate(() -> {
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_MEMORY);
                });
        AtomicBoolean restart = new AtomicBoolean();
        if (Boolean.parseBoolean(opts.getOrDefault("restartable", "false"))) {
            b.onRestart(() -> restart.set(true));
        }
        if (opts.containsKey("scheduler")) {
            b.scheduler(opts.get("scheduler"));
        } else {
            b.schedulerFile(Path.of(opts.get("scheduler-file")));
        }
        if (opts.containsKey("local-directory")) {
            b.localDirectory(Path.of(opts.get("local-directory")));
        }
        if (opts.containsKey("name")) {
            b.name(opts.get("name"));
        }
        Worker w;
        try {
            w = b.start();
        } catch (IOException | RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        System.out.println(w.summary());
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // nothing is sent on stdin: it only tells us the parent is alive
                }
            } catch (IOException ignored) {
                // the pipe broke: the parent is gone
            }
            if (w.closeReason() == null) {
                System.err.println("worker " + w.name() + ": the process that started it is gone; closing");
            }
            w.close();
            System.exit(EXIT_CLOSED);
        }, "jdask-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            w.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(restart.get() ? EXIT_RESTART : EXIT_CLOSED);
    }

    private static Map<String, Double> parseResources(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    fail("--resources: '" + part + "' is not NAME=AMOUNT");
                }
                out.put(part.substring(0, eq).strip(), Double.parseDouble(part.substring(eq + 1).strip()));
            }
        }
        return out;
    }

    private static void fail(String message) {
        System.err.println("jdask worker: error: " + message);
        System.exit(EXIT_FAILED);
    }
}
