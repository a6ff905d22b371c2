package io.jdask.distributed.scheduler;

import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A running scheduler: it accepts workers and clients, and one event-loop thread owns all its
 * state. Start one with {@link #builder()}:
 *
 * <pre>{@code
 * try (SchedulerServer s = SchedulerServer.builder().host("0.0.0.0").port(8786).start()) {
 *     System.out.println(s.address());
 *     s.awaitClosed();
 * }
 * }</pre>
 */
public interface SchedulerServer extends AutoCloseable {
    /** @return where workers and clients connect, {@code tcp://host:port} */
    String address();

    /** @return the workers registered now */
    List<WorkerInfo> workers();

    /** @return the number of clients connected now */
    int clientCount();

    /** @return the link to the dashboard's status page, when one is served */
    Optional<String> dashboardLink();

    /**
     * Waits until the scheduler closed (by {@link #close()} or its idle timeout).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitClosed() throws InterruptedException;

    /** Stops listening, tells every worker to close, and stops the event loop. */
    @Override
    void close();

    /** @return a builder with the defaults: 127.0.0.1, port 8786, no token, no idle timeout */
    static Builder builder() {
        return new Builder();
    }

    /** Settings of a scheduler. */
    final class Builder {
        String host = "127.0.0.1";
        int port = 8786;
        Security security = Security.none();
        SchedulerConfig config = SchedulerConfig.defaults();
        Duration idleTimeout = Duration.ZERO;
        Duration tickInterval = Duration.ofMillis(500);
        String advertisedHost;
        final List<SchedulerPlugin> plugins = new ArrayList<>();
        String dashboardAddress;

        Builder() {}

        /**
         * Adds a plugin; plugins are called in the order added, on the scheduler's loop.
         *
         * @param plugin the plugin
         * @return this builder
         */
        public Builder plugin(SchedulerPlugin plugin) {
            plugins.add(Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        /**
         * Serves the web dashboard (the module {@code jdask-dashboard} must be on the class path).
         *
         * @param address {@code host:port}, {@code :port} or {@code port} (0 for any free port);
         *     null (the default), blank or {@code none} for no dashboard
         * @return this builder
         */
        public Builder dashboardAddress(String address) {
            this.dashboardAddress = address == null || address.isBlank() || address.equalsIgnoreCase("none") ? null : address;
            return this;
        }

        /** @param host the interface to bind ({@code 0.0.0.0} for all) @return this builder */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** @param port the port, 0 for any free one @return this builder */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** @param security token and TLS @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** @param config the state machine's policies @return this builder */
        public Builder config(SchedulerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param timeout close after this long without clients and without tasks; zero (the
         *     default) never
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idle timeout must not be negative, got " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /**
         * @param interval how often heartbeat timeouts and work stealing are checked (default 500 ms)
         * @return this builder
         */
        public Builder tickInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("tick interval must be positive, got " + interval);
            }
            this.tickInterval = interval;
            return this;
        }

        /**
         * @param host the host name put in the address others are told (default: the bound host, or
         *     this machine's name when bound to all interfaces)
         * @return this builder
         */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /**
         * Starts the scheduler.
         *
         * @return the running scheduler
         * @throws IOException when the port cannot be bound
         */
        public SchedulerServer start() throws IOException {
            return SchedulerProcess.start(this);
        }
    }
}
