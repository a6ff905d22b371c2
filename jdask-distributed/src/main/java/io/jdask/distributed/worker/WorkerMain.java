package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Security;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The entry point of a worker process that a {@link io.jdask.distributed.cluster.LocalCluster}
 * launches (the {@code jdask worker} command of jdask-cli is the one for people). It prints the
 * worker's one-line summary on stdout, and exits when its worker closes or when its standard input
 * reaches its end: the parent that launched it died or closed it, so no worker outlives its
 * cluster.
 *
 * <p>Arguments: {@code --scheduler ADDRESS --nthreads N --memory-limit BYTES --name NAME
 * --death-timeout-ms MS --local-directory DIR}; the token comes from {@value Security#TOKEN_ENV}.
 */
public final class WorkerMain {
    private WorkerMain() {}

    /**
     * @param args the arguments above
     */
    public static void main(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        if (!opts.containsKey("scheduler")) {
            fail("--scheduler ADDRESS is required");
        }
        Worker.Builder b = Worker.builder()
                .scheduler(opts.get("scheduler"))
                .nthreads(Integer.parseInt(opts.getOrDefault("nthreads", "1")))
                .memoryLimit(Long.parseLong(opts.getOrDefault("memory-limit", "0")))
                .deathTimeout(Duration.ofMillis(Long.parseLong(opts.getOrDefault("death-timeout-ms", "60000"))))
                .security(new Security(Security.resolveToken(null, null, System.getenv()).orElse(null), null));
        if (opts.containsKey("local-directory")) {
            b.localDirectory(java.nio.file.Path.of(opts.get("local-directory")));
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
            System.exit(0);
        }, "jdask-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            w.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    private static void fail(String message) {
        System.err.println("jdask worker: error: " + message);
        System.exit(1);
    }
}
