package io.jdask.distributed.nanny;

import io.jdask.distributed.worker.WorkerMain;
import io.jdask.distributed.worker.store.LocalDirectory;
import io.jdask.distributed.worker.store.MemoryThresholds;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** The {@link Nanny}: a supervisor thread over one worker process at a time. */
final class NannyImpl implements Nanny {
    private static final long BACKOFF_MIN_MS = 100;
    private static final long BACKOFF_MAX_MS = 5000;

    private final Nanny.Builder settings;
    private final List<String> command;
    private final double terminateFraction;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread supervisor;
    private final Object lock = new Object();
    private volatile Incarnation current;
    private volatile boolean closing;
    private volatile String closeReason;
    private volatile int restarts;
    private volatile String schedulerSeen;

    private NannyImpl(Nanny.Builder settings) {
        this.settings = settings;
        this.command = WorkerCommandLine.command(settings);
        this.terminateFraction = MemoryThresholds.fromConfig(settings.memoryLimit).terminate();
        this.supervisor = new Thread(this::supervise, "jdask-nanny-" + (settings.name == null ? "worker" : settings.name));
        supervisor.setDaemon(true);
    }

    static Nanny start(Nanny.Builder settings) throws IOException {
        NannyImpl n = new NannyImpl(settings);
        n.current = n.launch();
        n.supervisor.start();
        return n;
    }

    /** One run of the worker process, with the threads that read its output. */
    private final class Incarnation {
        final Process process;
        final CompletableFuture<String> registered = new CompletableFuture<>();
        final Thread out;
        final Thread err;
        volatile String lastError;

        Incarnation(Process process) {
            this.process = process;
            this.out = drain(process.getInputStream(), "stdout", line -> {
                String[] f = registered.isDone() ? null : line.split(" ");
                if (f != null && f.length > 4 && f[0].equals("worker") && f[3].equals("->")) {
                    // its summary line (other lines, e.g. a library's log on stdout, may come first)
                    schedulerSeen = f[4].endsWith(",") ? f[4].substring(0, f[4].length() - 1) : f[4];
                    registered.complete(f[2]);
                }
                settings.output.accept(line);
            });
            this.err = drain(process.getErrorStream(), "stderr", line -> {
                lastError = line;
                settings.log.accept(line);
            });
        }

        private Thread drain(InputStream in, String what, Consumer<String> sink) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        sink.accept(line);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // the process ended, or a sink failed: the supervisor sees the exit
                }
            }, "jdask-nanny-" + process.pid() + "-" + what);
            t.setDaemon(true);
            t.start();
            return t;
        }

        void awaitDrained() throws InterruptedException {
            out.join(2000);
            err.join(2000);
        }

        boolean hasRegistered() {
            return registered.isDone() && !registered.isCompletedExceptionally();
        }
    }

    private Incarnation launch() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        WorkerCommandLine.environment(settings, pb.environment());
        return new Incarnation(pb.start());
    }

    private void supervise() {
        long backoff = BACKOFF_MIN_MS;
        String reason = null;
        try {
            while (reason == null) {
                Incarnation inc;
                synchronized (lock) {
                    inc = current;
                }
                int code = inc.process.waitFor();
                inc.awaitDrained();
                if (code != 0 && code != WorkerMain.EXIT_RESTART) {
                    // a worker that was killed or exited on memory left its directory (and spill files) behind
                    LocalDirectory.removeStale(LocalDirectory.root(settings.localDirectory));
                }
                boolean registered = inc.hasRegistered();
                String why = why(code);
                if (!registered) {
                    inc.registered.completeExceptionally(new IOException("the worker process " + inc.process.pid()
                            + " of " + label() + " " + why + " before it registered"
                            + (inc.lastError == null ? "" : ": " + inc.lastError)));
                }
                if (closing) {
                    reason = "closed";
                } else if (code == WorkerMain.EXIT_CLOSED) {
                    reason = "its worker closed";
                } else if (code == WorkerMain.EXIT_FAILED) {
                    reason = "its worker could not start" + (inc.lastError == null ? "" : ": " + inc.lastError);
                } else if (code == WorkerMain.EXIT_RESTART && settings.restart) {
                    // a client's restart: a fresh process at once, no back-off
                    settings.log.accept("nanny " + label() + ": its worker (pid " + inc.process.pid() + ") closed for a restart;"
                            + " restarting it as the client asked");
                    backoff = BACKOFF_MIN_MS;
                    reason = relaunch();
                } else if (!settings.restart) {
                    reason = "its worker " + why + " (restarts are off)";
                } else {
                    settings.log.accept("nanny " + label() + ": its worker (pid " + inc.process.pid() + ") " + why
                            + "; starting it again" + (registered ? "" : " in " + backoff + " ms"));
                    if (!registered) {
                        Thread.sleep(backoff);
                        backoff = Math.min(BACKOFF_MAX_MS, backoff * 2);
                    } else {
                        backoff = BACKOFF_MIN_MS;
                    }
                    reason = relaunch();
                }
            }
        } catch (InterruptedException e) {
            reason = "closed";
        } catch (IOException | RuntimeException e) {
            reason = "cannot start its worker again: " + e.getMessage();
            settings.log.accept("nanny " + label() + ": " + reason);
        } finally {
            closeReason = reason;
            closed.countDown();
        }
    }

    /** Starts the next worker process unless the nanny is closing. @return "closed" when it is, else null */
    private String relaunch() throws IOException {
        synchronized (lock) {
            if (closing) {
                return "closed";
            }
            current = launch();
            restarts++;
            return null;
        }
    }

    private String why(int code) {
        if (code == WorkerMain.EXIT_MEMORY) {
            return "passed " + Math.round(terminateFraction * 100) + "% of its memory limit";
        }
        if (code > 128) {
            return "was killed by signal " + (code - 128) + (code - 128 == 9 ? " (SIGKILL)" : "");
        }
        return "exited with code " + code;
    }

    private String label() {
        if (settings.name != null) {
            return settings.name;
        }
        String a = workerAddress();
        return a != null ? a : "worker";
    }

    @Override
    public String name() {
        return label();
    }

    @Override
    public String summary() {
        Optional<ProcessHandle> p = process();
        return "nanny " + label() + " (pid " + ProcessHandle.current().pid() + ") -> "
                + (schedulerSeen != null ? schedulerSeen : settings.scheduler != null ? settings.scheduler : settings.schedulerFile.toString())
                + ", worker process " + p.map(h -> String.valueOf(h.pid())).orElse("none")
                + (settings.restart ? ", restarted when it dies" + (settings.memoryLimit > 0
                        ? " or passes " + Math.round(terminateFraction * 100) + "% of its memory limit" : "") : ", no restarts");
    }

    @Override
    public Optional<ProcessHandle> process() {
        synchronized (lock) {
            return current != null && current.process.isAlive() ? Optional.of(current.process.toHandle()) : Optional.empty();
        }
    }

    @Override
    public String workerAddress() {
        Incarnation inc;
        synchronized (lock) {
            inc = current;
        }
        return inc != null && inc.hasRegistered() ? inc.registered.join() : null;
    }

    @Override
    public int restarts() {
        return restarts;
    }

    @Override
    public void awaitRunning(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Incarnation inc;
            synchronized (lock) {
                inc = current;
            }
            try {
                inc.registered.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException e) {
                // wait for the supervisor to decide: start it again, or give up
                while (closeReason == null && current == inc && System.nanoTime() - deadline < 0) {
                    Thread.sleep(10);
                }
                if (closeReason != null && current == inc) {
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IOException("the worker " + label() + " did not register within " + timeout.toSeconds() + " s");
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("the worker " + label() + " did not register within " + timeout.toSeconds() + " s");
            }
        }
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    @Override
    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        Incarnation inc;
        synchronized (lock) {
            if (closing) {
                inc = null;
            } else {
                closing = true;
                inc = current;
            }
        }
        if (inc != null) {
            stop(inc.process, AotCache.records(command) ? AotCache.RECORDING_STOP_SECONDS : 5);
        }
        try {
            closed.await(AotCache.records(command) ? AotCache.RECORDING_STOP_SECONDS + 10 : 15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the worker's standard input (it exits), and kills it when it has not exited within
     * {@code graceSeconds} (5 s, more for a worker that writes an AOT configuration as it exits).
     */
    static void stop(Process p, long graceSeconds) {
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // it may be gone already
        }
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
