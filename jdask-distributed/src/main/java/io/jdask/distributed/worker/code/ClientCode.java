package io.jdask.distributed.worker.code;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A worker's registry of its clients' code: one isolated class loader per client, over the jars
 * that client shipped (fetched into the {@link CodeCache} when missing), and a
 * {@link Serialization} that reads with that loader. The worker deserializes a client's task
 * payloads, and the values those tasks produce, through {@link #serialization(String)} for that
 * client.
 *
 * <p>Each client's loader has the worker's application class loader as its parent and asks it
 * first, so jdask's and the JDK's classes (and any library the worker has) are shared with the
 * worker; classes only the client has come from the client's jars. Two clients may ship different
 * versions of the same class: each sees its own. {@link #release} closes a client's loader, which
 * releases its jars (the cached files stay for later runs).
 *
 * <p>The transport calls {@link #register} when it learns a client's manifest (before the first
 * task of that client runs) with a {@link CodeSource} that fetches bytes from that client, and
 * {@link #release} when the client leaves. Thread-safe: concurrent registrations of one client
 * fetch once.
 */
public interface ClientCode extends AutoCloseable {
    /**
     * @param cache where artifacts are kept
     * @param parent the parent of every client loader: the worker's application class loader
     * @return an empty registry
     */
    static ClientCode create(CodeCache cache, ClassLoader parent) {
        return new ClientCodeRegistry(cache, parent, Set::of);
    }

    /**
     * A registry that neither fetches nor loads the artifacts the worker already has on its own
     * class path (the parent loader has those classes): typically the client's third-party jars
     * of the same versions as the worker's, which have the same bytes everywhere.
     *
     * @param cache where artifacts are kept
     * @param parent the parent of every client loader: the worker's application class loader
     * @param present the hashes of the worker's own class-path entries, asked for once, on the
     *     first registration (e.g. {@code () -> ClassPathManifest.ofApplication().hashes()})
     * @return an empty registry
     */
    static ClientCode create(CodeCache cache, ClassLoader parent, Supplier<Set<String>> present) {
        return new ClientCodeRegistry(cache, parent, present);
    }

    /**
     * A registered client.
     *
     * @param clientId the client
     * @param artifacts the artifacts its loader reads, in class-path order (those registered, less
     *     those the worker already has)
     * @param classLoader its loader
     * @param serialization reads and writes with its loader, allowing its packages
     */
    record Registration(String clientId, List<CodeArtifact> artifacts, ClassLoader classLoader, Serialization serialization) {
        /**
         * Runs code with this client's loader as the thread's context class loader (libraries that
         * look classes or services up through it then find the client's), restoring the previous
         * one afterwards. A task thread runs each of the client's tasks this way.
         *
         * @param work the work
         * @param <T> its result type
         * @return its result
         * @throws Exception what the work throws
         */
        public <T> T call(Callable<T> work) throws Exception {
            Thread t = Thread.currentThread();
            ClassLoader previous = t.getContextClassLoader();
            t.setContextClassLoader(classLoader);
            try {
                return work.call();
            } finally {
                t.setContextClassLoader(previous);
            }
        }
    }

    /**
     * Makes a client's loader, fetching from {@code source} the artifacts the cache lacks. Registering
     * a client again with the same artifacts returns the same {@link Registration}.
     *
     * @param clientId the client's identity
     * @param artifacts its manifest's artifacts (those the worker already has are skipped, see
     *     {@link #create(CodeCache, ClassLoader, Supplier)})
     * @param allowedPackages class-name prefixes the client's serialization may read and write
     *     besides the worker's configured allow-list (the client's own packages, e.g. {@code "com.acme."})
     * @param source fetches the bytes of an artifact from that client
     * @return the client's code
     * @throws IOException when an artifact cannot be fetched or does not match its hash; nothing is
     *     registered then, and a later call tries again
     * @throws IllegalStateException when the client is registered with other artifacts (release it
     *     first), or the registry is closed
     */
    Registration register(String clientId, List<CodeArtifact> artifacts, List<String> allowedPackages, CodeSource source)
            throws IOException;

    /** @param clientId a client @return its code, when registered */
    Optional<Registration> client(String clientId);

    /**
     * @param clientId a client
     * @return the serialization to read that client's payloads with
     * @throws java.util.NoSuchElementException when it is not registered (the message names it)
     */
    Serialization serialization(String clientId);

    /**
     * Forgets a client and closes its class loader.
     *
     * @param clientId a client
     * @return whether it was registered
     * @throws java.io.UncheckedIOException when its loader cannot release its jars
     */
    boolean release(String clientId);

    /** @return the registered clients' identities */
    List<String> clients();

    /** Releases every client; later registrations throw {@link IllegalStateException}. */
    @Override
    void close();
}
