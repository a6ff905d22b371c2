package io.jdask.distributed.worker.code;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/** The {@link ClientCode} registry: a future per client, completed by the first registration. */
final class ClientCodeRegistry implements ClientCode {
    private final CodeCache cache;
    private final ClassLoader parent;
    private final ConcurrentHashMap<String, CompletableFuture<Registration>> clients = new ConcurrentHashMap<>();
    private final Supplier<Set<String>> presentSource;
    private volatile Set<String> present;
    private volatile boolean closed;

    ClientCodeRegistry(CodeCache cache, ClassLoader parent, Supplier<Set<String>> present) {
        this.cache = cache;
        this.parent = parent;
        this.presentSource = present;
    }

    private Set<String> present() {
        Set<String> p = present;
        if (p == null) {
            synchronized (this) {
                p = present;
                if (p == null) {
                    p = Set.copyOf(presentSource.get());
                    present = p;
                }
            }
        }
        return p;
    }

    @Override
    public Registration register(String clientId, List<CodeArtifact> artifacts, List<String> allowedPackages, CodeSource source)
            throws IOException {
        if (closed) {
            throw new IllegalStateException("the client code registry is closed");
        }
        Set<String> have = present();
        List<CodeArtifact> wanted = artifacts.stream().filter(a -> !have.contains(a.sha256())).toList();
        CompletableFuture<Registration> mine = new CompletableFuture<>();
        CompletableFuture<Registration> existing = clients.putIfAbsent(clientId, mine);
        if (existing != null) {
            Registration c = await(clientId, existing);
            if (c == null) {
                return register(clientId, artifacts, allowedPackages, source); // the other attempt failed
            }
            if (!c.artifacts().equals(wanted)) {
                throw new IllegalStateException("client " + clientId + " is registered with other artifacts "
                        + names(c.artifacts()) + " than " + names(wanted) + "; release it first");
            }
            return c;
        }
        try {
            List<URL> urls = new ArrayList<>(wanted.size());
            for (CodeArtifact a : wanted) {
                urls.add(url(cache.get(a, source)));
            }
            ClientClassLoader loader = new ClientClassLoader(clientId, urls.toArray(URL[]::new), parent);
            Serialization serialization = Serialization.builder().classLoader(loader)
                    .allowPackages(allowedPackages.toArray(String[]::new)).build();
            Registration c = new Registration(clientId, wanted, loader, serialization);
            mine.complete(c);
            if (closed) {
                release(clientId);
                throw new IllegalStateException("the client code registry is closed");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            clients.remove(clientId, mine);
            mine.complete(null);
            throw e;
        }
    }

    private static Registration await(String clientId, CompletableFuture<Registration> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the code of client " + clientId, e);
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot make a URL of " + file, e);
        }
    }

    private static List<String> names(List<CodeArtifact> as) {
        return as.stream().map(a -> a.name() + "@" + a.sha256().substring(0, 12)).toList();
    }

    @Override
    public Optional<Registration> client(String clientId) {
        CompletableFuture<Registration> f = clients.get(clientId);
        return f == null || !f.isDone() ? Optional.empty() : Optional.ofNullable(f.getNow(null));
    }

    @Override
    public Serialization serialization(String clientId) {
        return client(clientId).orElseThrow(() -> new NoSuchElementException("client " + clientId
                + " has not registered its code on this worker (registered: " + clients() + ")")).serialization();
    }

    @Override
    public boolean release(String clientId) {
        CompletableFuture<Registration> f = clients.remove(clientId);
        if (f == null) {
            return false;
        }
        Registration c = f.join();
        if (c == null) {
            return false;
        }
        try {
            ((ClientClassLoader) c.classLoader()).close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the class loader of client " + clientId + ": " + e.getMessage(), e);
        }
        return true;
    }

    @Override
    public List<String> clients() {
        return clients.entrySet().stream().filter(e -> e.getValue().isDone() && e.getValue().getNow(null) != null)
                .map(java.util.Map.Entry::getKey).sorted().toList();
    }

    @Override
    public void close() {
        closed = true;
        for (String id : List.copyOf(clients.keySet())) {
            release(id);
        }
    }
}
