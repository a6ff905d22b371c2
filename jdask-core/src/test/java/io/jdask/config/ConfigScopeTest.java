package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The process-wide configuration and its scoped overrides. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class ConfigScopeTest {
    private Map<String, Object> before;

    @BeforeEach
    void remember() {
        before = Config.snapshot();
    }

    @AfterEach
    void everythingIsRestored() {
        assertThat(Config.snapshot()).isEqualTo(before);
    }

    @Test
    void aScopeOverridesUntilClosed() {
        String original = Config.getString("scheduler.default");
        try (Config.Scope s = Config.set("scheduler.default", "sync")) {
            assertThat(Config.getString("scheduler.default")).isEqualTo("sync");
            assertThat(Config.current().origin("scheduler.default")).isEqualTo("Config.set");
        }
        assertThat(Config.getString("scheduler.default")).isEqualTo(original);
    }

    @Test
    void nestedScopesRestoreInTurn() {
        try (Config.Scope a = Config.set("test.scope.x", 1)) {
            try (Config.Scope b = Config.set("test.scope.x", 2)) {
                assertThat(Config.getInt("test.scope.x")).isEqualTo(2);
            }
            assertThat(Config.getInt("test.scope.x")).isEqualTo(1);
        }
        assertThat(Config.current().contains("test.scope.x")).isFalse();
        assertThatThrownBy(() -> Config.get("test.scope.x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingOutOfOrderRemovesOnlyThatScope() {
        Config.Scope a = Config.set("test.scope.x", "a");
        Config.Scope b = Config.set(Map.of("test.scope.x", "b", "test.scope.y", "b"));
        Config.Scope c = Config.set("test.scope.y", "c");
        a.close();
        assertThat(Config.getString("test.scope.x")).isEqualTo("b");
        assertThat(Config.getString("test.scope.y")).isEqualTo("c");
        c.close();
        assertThat(Config.getString("test.scope.y")).isEqualTo("b");
        a.close(); // closing twice does nothing
        assertThat(Config.getString("test.scope.x")).isEqualTo("b");
        b.close();
        assertThat(Config.current().contains("test.scope")).isFalse();
    }

    @Test
    void mapValuesMergeIntoTheSection() {
        try (Config.Scope s = Config.set("optimization", Map.of("fuse", Map.of("active", false)))) {
            assertThat(Config.getBoolean("optimization.fuse.active")).isFalse();
            assertThat(Config.getBoolean("optimization.inline.active")).isTrue();
        }
    }

    @Test
    void anyObjectMayBeSetAndKeysAreCanonical() {
        Object scheduler = new Object();
        try (Config.Scope s = Config.set("Test.Scope.Some_Object", scheduler)) {
            assertThat(Config.get("test.scope.some-object")).isSameAs(scheduler);
            assertThat(Config.snapshot()).containsEntry("test.scope.some-object", scheduler);
        }
    }

    @Test
    void aViewTakenEarlierDoesNotChange() {
        ConfigView earlier = Config.current();
        try (Config.Scope s = Config.set("scheduler.threads", 3)) {
            assertThat(earlier.getInt("scheduler.threads")).isEqualTo(before.get("scheduler.threads"));
            assertThat(Config.getInt("scheduler.threads")).isEqualTo(3);
        }
    }

    @Test
    void refreshKeepsOpenScopes() {
        try (Config.Scope s = Config.set("test.scope.kept", true)) {
            Config.refresh();
            assertThat(Config.getBoolean("test.scope.kept")).isTrue();
        }
    }

    @Test
    void scopesClosedFromAnotherThreadInAnyOrder() throws Exception {
        List<Config.Scope> scopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            scopes.add(Config.set(Map.of("test.scope.shared", i, "test.scope.own-" + i, i)));
        }
        Collections.shuffle(scopes, new Random(7));
        Thread closer = new Thread(() -> scopes.forEach(Config.Scope::close));
        closer.start();
        closer.join();
        assertThat(Config.current().contains("test.scope")).isFalse();
    }

    @Test
    void concurrentScopesAndReadersSeeConsistentValues() throws Exception {
        int threads = 8;
        int rounds = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Long> reader = pool.submit(() -> {
                start.await();
                long reads = 0;
                while (!stop.get()) {
                    assertThat(Config.getString("scheduler.default")).isEqualTo(before.get("scheduler.default"));
                    reads++;
                }
                return reads;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String own = "test.scope.thread-" + t;
                int id = t;
                writers.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(id);
                    for (int r = 0; r < rounds; r++) {
                        Config.Scope outer = Config.set(own, r);
                        Config.Scope inner = Config.set(Map.of(own + "-inner", r, "test.scope.shared", id));
                        assertThat(Config.getInt(own)).isEqualTo(r);
                        assertThat(Config.getInt(own + "-inner")).isEqualTo(r);
                        if (random.nextBoolean()) {
                            outer.close();
                            assertThat(Config.current().contains(own)).isFalse();
                            inner.close();
                        } else {
                            inner.close();
                            assertThat(Config.getInt(own)).isEqualTo(r);
                            outer.close();
                        }
                        assertThat(Config.current().contains(own + "-inner")).isFalse();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            stop.set(true);
            assertThat(reader.get(10, TimeUnit.SECONDS)).isPositive();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(Config.current().contains("test.scope")).isFalse();
    }
}
