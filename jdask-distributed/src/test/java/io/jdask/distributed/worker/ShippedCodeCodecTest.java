package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeEnvelope;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.worker.code.AppCompiler;
import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's code-shipping codec without a network: a scheduler connection that answers from a
 * client's manifest when the test lets it, a task of that client's classes, and the gate that
 * holds scheduler messages while the client's code loads.
 */
class ShippedCodeCodecTest {
    @TempDir
    Path tmp;

    /** Answers code requests from a manifest, each once {@link #go} is counted down. */
    final class FakeScheduler implements Connection {
        final CountDownLatch go = new CountDownLatch(1);
        final List<Message> sent = Collections.synchronizedList(new ArrayList<>());
        ClassPathManifest manifest;
        ShippedCodeCodec codec;

        @Override
        public void write(Message m) {
            sent.add(m);
            Thread t = new Thread(() -> answer(m));
            t.setDaemon(true);
            t.start();
        }

        private void answer(Message m) {
            try {
                go.await(30, TimeUnit.SECONDS);
                switch (m) {
                    case CodeMessage.FetchCode f when f.clientId().equals("alice") ->
                            codec.received(new CodeMessage.CodeManifest(f.requestId(), "alice", manifest.artifacts(), List.of("com.acme."), "m"));
                    case CodeMessage.FetchCode f ->
                            codec.received(new CodeMessage.ArtifactMissing(f.requestId(), "", "client " + f.clientId() + " is not connected", "m"));
                    case CodeMessage.FetchArtifact f -> {
                        try (InputStream in = manifest.open(f.sha256())) {
                            codec.received(new CodeMessage.ArtifactData(f.requestId(), f.sha256(), Payload.wrap(in.readAllBytes()), "d"));
                        }
                    }
                    default -> { }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Handshake peer() {
            return null;
        }

        @Override
        public String remoteAddress() {
            return "scheduler";
        }

        @Override
        public void flush() {}

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    private static SchedulerToWorker.ComputeTask compute(Key key, Payload payload) {
        return new SchedulerToWorker.ComputeTask(key, payload, new Priority(0, 0), List.of(), Map.of(), "ct-" + key);
    }

    private static void awaitSize(List<String> list, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (list.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void theGateHoldsMessagesInOrderUntilTheClientsCodeIsLoadedThenReadsWithItsLoader() throws Exception {
        Path classes = AppCompiler.compile(AppCompiler.greeterSources("v1"), tmp.resolve("app"));
        FakeScheduler scheduler = new FakeScheduler();
        scheduler.manifest = ClassPathManifest.of(List.of(classes));
        ShippedCodeCodec codec = new ShippedCodeCodec(tmp.resolve("code-cache"), new CodeFetcher(scheduler, Duration.ofSeconds(30), "w1"),
                new OwnClassPath(List.of()), "w1");
        scheduler.codec = codec;
        Key k1 = Key.of("tally", 1);
        Payload payload;
        try (URLClassLoader app = AppCompiler.clientLoader(classes)) {
            Object tally = app.loadClass("com.acme.shipped.Tally").getConstructors()[0].newInstance("ann", 3L);
            Serialization client = Serialization.builder().classLoader(app).allowPackages("com.acme.").build();
            payload = Payload.wrap(CodeEnvelope.wrap("alice", client.toBytes(new Literal(k1, tally))));
        }
        try (codec) {
            List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            codec.deliver(compute(k1, payload), () -> delivered.add("compute alice"));
            codec.deliver(new SchedulerToWorker.FreeKeys(List.of(Key.of("old")), "fk"), () -> delivered.add("free"));
            codec.deliver(compute(Key.of("plain"), Payload.wrap(Serialization.get().toBytes(new Literal(Key.of("plain"), 1)))),
                    () -> delivered.add("compute plain"));
            Thread.sleep(200);
            assertThat(delivered).as("held while alice's code is fetched").isEmpty();
            scheduler.go.countDown();
            awaitSize(delivered, 3);
            assertThat(delivered).containsExactly("compute alice", "free", "compute plain");
            assertThat(scheduler.sent).hasSize(2); // the manifest, then the one artifact

            Node node = codec.readTask(k1, payload);
            Object value = ((Literal) node).value();
            assertThat(value.getClass().getName()).isEqualTo("com.acme.shipped.Tally");
            assertThat(value.getClass().getClassLoader().getName()).isEqualTo("jdask-client-alice");
            assertThat(codec.standardFormat(k1)).isFalse();
            assertThat(codec.storeSerialization(k1)).isNotNull();
            assertThat(codec.run(k1, () -> Thread.currentThread().getContextClassLoader())).isSameAs(value.getClass().getClassLoader());
            Payload written = codec.writeValue(k1, value);
            assertThat(CodeEnvelope.open(written.buffer()).orElseThrow().clientId()).isEqualTo("alice");
            assertThat(codec.readValue(Key.of("copy"), written).toString()).isEqualTo("Tally[who=ann, count=3]");

            codec.forget(k1);
            assertThat(codec.standardFormat(k1)).isTrue();
            assertThat(codec.loadedClients()).containsExactly("alice");
            codec.release("alice");
            assertThat(codec.loadedClients()).as("kept while a value of alice's (copy) is held").containsExactly("alice");
            assertThat(codec.readValue(Key.of("copy"), written).toString()).isEqualTo("Tally[who=ann, count=3]");
            codec.forget(Key.of("copy"));
            assertThat(codec.loadedClients()).as("released with alice's last value").isEmpty();
        }
    }

    /** A task function around a function of the client's shipped classes. */
    record Apply(Function<Object, Object> f) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return f.apply(args[0]);
        }
    }

    @Test
    void tasksOfOneShippedFunctionShareOneCopyReadWithTheClientsLoaderUntilItLeaves() throws Exception {
        Path classes = AppCompiler.compile(AppCompiler.greeterSources("v2"), tmp.resolve("app"));
        FakeScheduler scheduler = new FakeScheduler();
        scheduler.manifest = ClassPathManifest.of(List.of(classes));
        scheduler.go.countDown();
        ShippedCodeCodec codec = new ShippedCodeCodec(tmp.resolve("code-cache"), new CodeFetcher(scheduler, Duration.ofSeconds(30), "w1"),
                new OwnClassPath(List.of()), "w1");
        scheduler.codec = codec;
        List<Payload> payloads = new ArrayList<>();
        try (URLClassLoader app = AppCompiler.clientLoader(classes)) {
            @SuppressWarnings("unchecked")
            Function<Object, Object> greet = (Function<Object, Object>) app.loadClass("com.acme.shipped.Greeter").getMethod("task", String.class)
                    .invoke(null, "hey");
            Serialization client = Serialization.builder().classLoader(app).allowPackages("com.acme.").build();
            TaskPayloads.Writer w = new TaskPayloads.Writer(client);
            for (int i = 0; i < 3; i++) {
                payloads.add(Payload.wrap(CodeEnvelope.wrap("alice", w.write(new Task(Key.of("greet", i), new Apply(greet), Arg.value(i))))));
            }
        }
        try (codec) {
            List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            codec.deliver(compute(Key.of("greet", 0), payloads.get(0)), () -> delivered.add("compute"));
            awaitSize(delivered, 1);
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tasks.add((Task) codec.readTask(Key.of("greet", i), payloads.get(i)));
            }
            assertThat(tasks.get(1).function()).isSameAs(tasks.get(0).function()).isSameAs(tasks.get(2).function());
            Function<?, ?> f = ((Apply) tasks.get(0).function()).f();
            assertThat(f.getClass().getClassLoader().getName()).isEqualTo("jdask-client-alice");
            assertThat(codec.run(Key.of("greet", 2), () -> tasks.get(2).run(k -> null))).isEqualTo("hey #4 from v2");
            assertThat(codec.functionCaches()).isEqualTo(1);

            for (int i = 0; i < 3; i++) {
                codec.forget(Key.of("greet", i));
            }
            codec.release("alice");
            assertThat(codec.loadedClients()).isEmpty();
            assertThat(codec.functionCaches()).as("the client's functions go with its loader").isZero();
        }
    }

    @Test
    void aClientWhoseCodeCannotBeHadGetsItsTaskDeliveredToFailWithTheReason() throws Exception {
        FakeScheduler scheduler = new FakeScheduler();
        scheduler.go.countDown();
        ShippedCodeCodec codec = new ShippedCodeCodec(tmp.resolve("code-cache"), new CodeFetcher(scheduler, Duration.ofSeconds(30), "w1"),
                new OwnClassPath(List.of()), "w1");
        scheduler.codec = codec;
        Key k = Key.of("t");
        Payload payload = Payload.wrap(CodeEnvelope.wrap("bob", Serialization.get().toBytes(new Literal(k, 1))));
        try (codec) {
            List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            codec.deliver(compute(k, payload), () -> delivered.add("compute bob"));
            awaitSize(delivered, 1);
            assertThat(delivered).containsExactly("compute bob");
            assertThatThrownBy(() -> codec.readTask(k, payload)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("code of client bob is not loaded").hasMessageContaining("client bob is not connected");
        }
    }
}
