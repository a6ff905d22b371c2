package io.jdask.distributed.worker.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.worker.store.DataStore;
import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code shipping in one process: client manifests and the worker's registry joined by a {@link CodeSource}. */
class ClientCodeTest {
    @TempDir
    Path tmp;

    @TempDir
    static Path apps;

    private static final java.util.Map<String, App> APPS = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a client has: its manifest and a serialized task made by its own class loader. */
    private record App(ClassPathManifest manifest, byte[] task, byte[] tally) {}

    /** The application in a version, compiled once per test class, as a class directory or a jar. */
    private static App app(String version, boolean asJar) throws Exception {
        String id = version + (asJar ? ".jar" : "");
        App known = APPS.get(id);
        if (known != null) {
            return known;
        }
        Path classes = apps.resolve("app-" + version).resolve("classes");
        if (!Files.isDirectory(classes)) {
            AppCompiler.compile(AppCompiler.greeterSources(version), apps.resolve("app-" + version));
        }
        Path entry = asJar ? AppCompiler.jar(classes, apps.resolve("app-" + version + ".jar")) : classes;
        try (URLClassLoader loader = AppCompiler.clientLoader(entry)) {
            Serialization s = Serialization.builder().classLoader(loader).allowPackages("com.acme.").build();
            Object task = loader.loadClass("com.acme.shipped.Greeter").getMethod("task", String.class).invoke(null, "hi");
            Object tally = loader.loadClass("com.acme.shipped.Tally").getConstructors()[0].newInstance("ann", 3L);
            App made = new App(ClassPathManifest.of(List.of(entry)), s.toBytes(task), s.toBytes(tally));
            APPS.put(id, made);
            return made;
        }
    }

    private static CodeSource from(ClassPathManifest m) {
        return a -> m.open(a.sha256());
    }

    @SuppressWarnings("unchecked")
    private static String run(ClientCode code, String client, byte[] task, int n) {
        return ((Function<Integer, String>) code.serialization(client).fromBytes(task)).apply(n);
    }

    @Test
    void twoClientsWithDifferentVersionsOfTheSameClassCoexist() throws Exception {
        App v1 = app("v1", false);
        App v2 = app("v2", true);
        try (ClientCode code = ClientCode.create(new CodeCache(tmp.resolve("cache")), getClass().getClassLoader())) {
            ClientCode.Registration alice = code.register("alice", v1.manifest().artifacts(), List.of("com.acme."), from(v1.manifest()));
            ClientCode.Registration bob = code.register("bob", v2.manifest().artifacts(), List.of("com.acme."), from(v2.manifest()));
            assertThat(run(code, "alice", v1.task(), 1)).isEqualTo("hi #2 from v1");
            assertThat(run(code, "bob", v2.task(), 2)).isEqualTo("hi #4 from v2");
            Class<?> a = alice.classLoader().loadClass("com.acme.shipped.Greeter");
            Class<?> b = bob.classLoader().loadClass("com.acme.shipped.Greeter");
            assertThat(a).isNotSameAs(b);
            assertThat(a.getField("VERSION").get(null)).isEqualTo("v1");
            assertThat(b.getField("VERSION").get(null)).isEqualTo("v2");
            assertThat(alice.classLoader().getName()).isEqualTo("jdask-client-alice");
            assertThat(alice.classLoader().loadClass("io.jdask.graph.Key")).isSameAs(Key.class); // the worker's own, shared
            assertThat(code.clients()).containsExactly("alice", "bob");

            assertThat(alice.classLoader().getResource("com/acme/shipped/Formatter.class")).isNotNull();
            assertThat(code.release("alice")).isTrue();
            assertThat(alice.classLoader().getResource("com/acme/shipped/Formatter.class")).as("jars released").isNull();
            assertThat(code.release("alice")).isFalse();
            assertThatThrownBy(() -> code.serialization("alice")).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("alice").hasMessageContaining("bob");
            assertThat(run(code, "bob", v2.task(), 3)).isEqualTo("hi #6 from v2");
        }
        assertThatThrownBy(() -> Class.forName("com.acme.shipped.Greeter")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void valuesOfAClientsClassesSpillAndComeBackThroughItsLoader() throws Exception {
        App v1 = app("v1", false);
        try (ClientCode code = ClientCode.create(new CodeCache(tmp.resolve("cache")), getClass().getClassLoader());
                DataStore store = DataStore.builder(tmp.resolve("spill")).build()) {
            code.register("alice", v1.manifest().artifacts(), List.of("com.acme."), from(v1.manifest()));
            Serialization alice = code.serialization("alice");
            Object tally = alice.fromBytes(v1.tally());
            store.put(Key.of("t"), tally, alice);
            assertThat(store.spill(Long.MAX_VALUE)).isPositive();
            Object back = store.get(Key.of("t"));
            assertThat(back).isEqualTo(tally).isNotSameAs(tally);
            assertThat(back.getClass().getClassLoader().getName()).isEqualTo("jdask-client-alice");
            assertThat(back.toString()).isEqualTo("Tally[who=ann, count=3]");
        }
    }

    @Test
    void withoutTheClientsLoaderTheTaskCannotBeRead() throws Exception {
        App v1 = app("v1", false);
        Serialization plain = Serialization.builder().allowPackages("com.acme.").build();
        assertThatThrownBy(() -> plain.fromBytes(v1.task())).hasMessageContaining("com.acme.shipped");
    }

    @Test
    void concurrentRegistrationsOfOneClientFetchOnce() throws Exception {
        App v1 = app("v1", true);
        AtomicInteger opens = new AtomicInteger();
        CodeSource counting = a -> {
            opens.incrementAndGet();
            return v1.manifest().open(a.sha256());
        };
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ClientCode code = ClientCode.create(new CodeCache(tmp.resolve("cache")), getClass().getClassLoader())) {
            List<Future<ClientCode.Registration>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fs.add(pool.submit(() -> code.register("alice", v1.manifest().artifacts(), List.of("com.acme."), counting)));
            }
            ClientCode.Registration first = fs.get(0).get();
            for (Future<ClientCode.Registration> f : fs) {
                assertThat(f.get()).isSameAs(first);
            }
            assertThat(opens.get()).isEqualTo(1);
            App v2 = app("v2", true);
            assertThatThrownBy(() -> code.register("alice", v2.manifest().artifacts(), List.of(), from(v2.manifest())))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("release it first");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bytesThatDoNotMatchTheHashAreRefusedAndNothingIsCached() throws Exception {
        App v1 = app("v1", true);
        CodeArtifact artifact = v1.manifest().artifacts().get(0);
        CodeCache cache = new CodeCache(tmp.resolve("cache"));
        CodeSource liar = a -> new ByteArrayInputStream(new byte[(int) a.size()]);
        try (ClientCode code = ClientCode.create(cache, getClass().getClassLoader())) {
            assertThatThrownBy(() -> code.register("mallory", List.of(artifact), List.of(), liar))
                    .isInstanceOf(IOException.class).hasMessageContaining(artifact.name()).hasMessageContaining(artifact.sha256());
            assertThat(code.clients()).isEmpty();
            try (var files = Files.list(cache.directory())) {
                assertThat(files.toList()).isEmpty();
            }
            code.register("mallory", List.of(artifact), List.of("com.acme."), from(v1.manifest()));  // a later try works
            assertThat(run(code, "mallory", v1.task(), 4)).isEqualTo("hi #8 from v1");
        }
    }

    @Test
    void aDamagedCacheFileIsFetchedAgainAndAGoodOneReusedAcrossRuns() throws Exception {
        App v1 = app("v1", true);
        CodeArtifact artifact = v1.manifest().artifacts().get(0);
        Path dir = tmp.resolve("cache");
        CodeCache first = new CodeCache(dir);
        Path file = first.get(artifact, from(v1.manifest()));
        assertThat(first.fetches()).isEqualTo(1);

        CodeCache nextRun = new CodeCache(dir);
        CodeSource unreachable = a -> {
            throw new IOException("client gone");
        };
        assertThat(nextRun.get(artifact, unreachable)).isEqualTo(file);
        assertThat(nextRun.hits()).isEqualTo(1);
        assertThat(nextRun.fetches()).isZero();

        Files.write(file, new byte[] {1, 2, 3});
        CodeCache afterDamage = new CodeCache(dir);
        assertThatThrownBy(() -> afterDamage.get(artifact, unreachable)).hasMessageContaining("client gone");
        assertThat(afterDamage.get(artifact, from(v1.manifest()))).isEqualTo(file);
        assertThat(afterDamage.fetches()).isEqualTo(1);
        assertThat(Files.size(file)).isEqualTo(artifact.size());
    }

    @Test
    void artifactsTheWorkerHasAreNeitherFetchedNorLoadedAndTasksSeeTheClientsContextLoader() throws Exception {
        App v1 = app("v1", true);
        App v2 = app("v2", true);
        List<CodeArtifact> both = new ArrayList<>(v2.manifest().artifacts());
        both.addAll(v1.manifest().artifacts());
        String v2Hash = v2.manifest().artifacts().get(0).sha256();
        AtomicInteger opens = new AtomicInteger();
        CodeSource source = a -> {
            opens.incrementAndGet();
            return v1.manifest().open(a.sha256());
        };
        try (ClientCode code = ClientCode.create(new CodeCache(tmp.resolve("cache")), getClass().getClassLoader(),
                () -> java.util.Set.of(v2Hash))) {
            ClientCode.Registration c = code.register("alice", both, List.of("com.acme."), source);
            assertThat(c.artifacts()).isEqualTo(v1.manifest().artifacts());
            assertThat(opens.get()).isEqualTo(1);
            assertThat(run(code, "alice", v1.task(), 1)).isEqualTo("hi #2 from v1");
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            assertThat(c.call(() -> Thread.currentThread().getContextClassLoader())).isSameAs(c.classLoader());
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        }
    }

    @Test
    void aClosedRegistryRefusesClients() throws Exception {
        App v1 = app("v1", true);
        ClientCode code = ClientCode.create(new CodeCache(tmp.resolve("cache")), getClass().getClassLoader());
        code.register("alice", v1.manifest().artifacts(), List.of("com.acme."), from(v1.manifest()));
        code.close();
        assertThat(code.clients()).isEmpty();
        assertThatThrownBy(() -> code.register("alice", v1.manifest().artifacts(), List.of(), from(v1.manifest())))
                .isInstanceOf(IllegalStateException.class);
    }

}
