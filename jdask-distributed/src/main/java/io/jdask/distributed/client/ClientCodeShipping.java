package io.jdask.distributed.client;

import io.jdask.config.Config;
import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeEnvelope;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.graph.Node;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client's side of code shipping: the manifest of its application's class path (the JVM's
 * {@code java.class.path} and the jars and directories of the {@link URLClassLoader}s of its
 * application loader), the serialization it writes tasks and reads results with (its loader, its
 * allowed packages), the {@link CodeEnvelope} that names it on every payload, and the answers to
 * workers' requests for artifacts, read and sent off the I/O threads.
 */
final class ClientCodeShipping {
    private static final Map<List<Path>, ClassPathManifest> MANIFESTS = new ConcurrentHashMap<>();

    private final String clientId;
    private final boolean ship;
    private final ClassPathManifest manifest;
    private final Serialization serialization;
    private final List<String> allowed;
    private final AtomicLong served = new AtomicLong();
    private final ExecutorService server = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdask-client-code");
        t.setDaemon(true);
        return t;
    });

    private ClientCodeShipping(String clientId, boolean ship, ClassPathManifest manifest, Serialization serialization, List<String> allowed) {
        this.clientId = clientId;
        this.ship = ship;
        this.manifest = manifest;
        this.serialization = serialization;
        this.allowed = allowed;
    }

    /**
     * @param clientId the identity the client's payloads carry
     * @param loader the application's class loader, or null for the thread's context loader
     * @param allowPackages prefixes the client's serialization allows besides the configured ones
     * @param ship whether to ship code (otherwise payloads are plain and workers use their own classes)
     * @return the client's code shipping
     * @throws java.io.UncheckedIOException when a class-path entry cannot be read (the message names it)
     */
    static ClientCodeShipping create(String clientId, ClassLoader loader, List<String> allowPackages, boolean ship) {
        ClassLoader app = loader != null ? loader
                : Thread.currentThread().getContextClassLoader() != null ? Thread.currentThread().getContextClassLoader()
                : ClassLoader.getSystemClassLoader();
        Serialization s = ship || loader != null || !allowPackages.isEmpty()
                ? Serialization.builder().classLoader(app).allowPackages(allowPackages.toArray(String[]::new)).build()
                : Serialization.get();
        List<String> allowed = new ArrayList<>(Config.getList("serialization.allowed-packages"));
        allowed.addAll(allowPackages);
        ClassPathManifest m = ship ? MANIFESTS.computeIfAbsent(entries(app), ClassPathManifest::of) : ClassPathManifest.of(List.of());
        return new ClientCodeShipping(clientId, ship, m, s, List.copyOf(new LinkedHashSet<>(allowed)));
    }

    /** The JVM's class path, then the local jars and directories of the URL class loaders from {@code app} up. */
    static List<Path> entries(ClassLoader app) {
        LinkedHashSet<Path> out = new LinkedHashSet<>(ClassPathManifest.classPath(System.getProperty("java.class.path", "")));
        List<Path> loaders = new ArrayList<>();
        for (ClassLoader l = app; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader u) {
                List<Path> mine = new ArrayList<>();
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            mine.add(Path.of(url.toURI()).toAbsolutePath().normalize());
                        } catch (URISyntaxException | IllegalArgumentException notAPath) {
                            // a URL that names no local file cannot be shipped
                        }
                    }
                }
                loaders.addAll(0, mine); // parents first, as the loaders search
            }
        }
        out.addAll(loaders);
        return List.copyOf(out);
    }

    /** @return the message that registers this client's code, sent before its first graph; empty when it ships none */
    Optional<CodeMessage.RegisterCode> registration(String stimulusId) {
        return ship ? Optional.of(new CodeMessage.RegisterCode(clientId, manifest.artifacts(), allowed, stimulusId)) : Optional.empty();
    }

    /**
     * @return a writer of one submission's nodes: each distinct task function is serialized once
     *     ({@link TaskPayloads})
     */
    Payloads payloads() {
        return new Payloads(new TaskPayloads.Writer(serialization));
    }

    /** Serializes the nodes of one submission. Not thread-safe. */
    final class Payloads {
        private final TaskPayloads.Writer writer;
        /** An envelope's bytes come before its body: the header of an empty one, written before each node's bytes. */
        private final byte[] envelopeHeader;

        private Payloads(TaskPayloads.Writer writer) {
            this.writer = writer;
            this.envelopeHeader = ship ? CodeEnvelope.wrap(clientId, new byte[0]) : new byte[0];
        }

        /**
         * @return a graph node serialized for the cluster with its envelope; a task's payload is
         *     joined to the head that its function's other tasks share ({@link TaskPayloads})
         */
        Payload payload(Node n) {
            return writer.payload(n, envelopeHeader);
        }
    }

    /** @return a value (or exception) the cluster sent, read with this client's loader */
    Object decode(Payload p) {
        ByteBuffer b = p.buffer();
        Optional<CodeEnvelope.Opened> env = CodeEnvelope.open(b);
        if (env.isEmpty()) {
            // no envelope (a value a worker computed): read the payload's own array, not a copy of it
            return serialization.fromBytes(p.array());
        }
        // the body runs to the end of the payload: read it in place (a boxed number without a copy)
        byte[] all = p.array();
        int n = env.get().body().remaining();
        return serialization.fromBytes(all, all.length - n, n);
    }

    /** A worker wants an artifact (I/O thread): read it on the code thread and send it back through the scheduler. */
    void serve(Connection scheduler, CodeMessage.ArtifactRequest r) {
        server.execute(() -> {
            CodeMessage answer;
            try (InputStream in = manifest.open(r.sha256())) {
                answer = new CodeMessage.ArtifactData(r.requestId(), r.sha256(), Payload.wrap(in.readAllBytes()), r.stimulusId());
                served.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                answer = new CodeMessage.ArtifactMissing(r.requestId(), r.sha256(), "client " + clientId + " cannot send it: " + e, r.stimulusId());
            }
            if (scheduler.isOpen()) {
                scheduler.send(answer);
            }
        });
    }

    /** @return the manifest shipped */
    ClassPathManifest manifest() {
        return manifest;
    }

    /** @return artifacts sent to workers so far */
    long served() {
        return served.get();
    }

    void close() {
        server.shutdownNow();
    }
}
