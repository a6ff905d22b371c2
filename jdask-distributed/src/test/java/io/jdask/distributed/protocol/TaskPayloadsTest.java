package io.jdask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPayloadsTest {
    /** Adds its arguments' sizes and its offset, so a test sees that the function and the arguments arrived. */
    record Offset(int by) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return Arrays.deepToString(args) + "+" + by;
        }
    }

    private final Serialization serialization = Serialization.get();

    private static Object run(Task t, Map<Key, Object> results) throws Exception {
        return t.run(results::get);
    }

    @Test
    void aTaskRoundTripsWithItsKeyFunctionAndArguments() throws Exception {
        Key x = Key.of("x", 1, 2);
        Task t = new Task(Key.of("t", 7), new Offset(3), Arg.ref(x), Arg.value(5), Arg.value(6L), Arg.value(1.5), Arg.value("ü"),
                Arg.value(true), Arg.value(false), Arg.value(null));
        byte[] bytes = new TaskPayloads.Writer(serialization).write(t);
        assertThat(TaskPayloads.isTask(ByteBuffer.wrap(bytes))).isTrue();

        Task back = new TaskPayloads.FunctionCache(serialization).read(t.key(), ByteBuffer.wrap(bytes));
        assertThat(back.key()).isEqualTo(t.key());
        assertThat(back.args()).isEqualTo(t.args());
        assertThat(back.dependencies()).containsExactly(x);
        assertThat(back.function()).isEqualTo(new Offset(3));
        assertThat(run(back, Map.of(x, "X"))).isEqualTo(run(t, Map.of(x, "X")));
    }

    @Test
    void theTasksOfOneFunctionShareOneHeadAndReadBackFromTheParts() throws Exception {
        byte[] prefix = {9, 8, 7};
        Key x = Key.of("x", 4);
        TaskPayloads.Writer w = new TaskPayloads.Writer(serialization);
        Task a = new Task(Key.of("t", 1), new Offset(3), Arg.value(5));
        Task b = new Task(Key.of("t", 2), new Offset(3), Arg.ref(x), Arg.value("s"));
        Task c = new Task(Key.of("t", 3), new Offset(4), Arg.value(List.of(1, 2))); // another function, arguments not compact
        Payload pa = w.payload(a, prefix);
        Payload pb = w.payload(b, prefix);
        Payload pc = w.payload(c, prefix);
        assertThat(pa.head()).isNotNull().isSameAs(pb.head());
        assertThat(pc.head()).isNotSameAs(pa.head());
        TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(serialization);
        for (Task t : List.of(a, b, c)) {
            Payload p = w.payload(t, prefix);
            assertThat(p.toByteArray()).isEqualTo(w.write(t, prefix)); // the same bytes as one array
            ByteBuffer head = p.head().buffer();
            head.position(prefix.length);
            Task fromParts = cache.read(t.key(), head, p.tail().buffer());
            ByteBuffer whole = p.buffer();
            whole.position(prefix.length);
            Task fromWhole = cache.read(t.key(), whole);
            assertThat(fromParts.args()).isEqualTo(t.args()).isEqualTo(fromWhole.args());
            assertThat(fromParts.function()).isSameAs(fromWhole.function()).isEqualTo(t.function());
            assertThat(run(fromParts, Map.of(x, "X"))).isEqualTo(run(t, Map.of(x, "X")));
        }
        assertThat(cache.size()).isEqualTo(2);
        Payload literal = w.payload(new Literal(Key.of("lit"), "v"), prefix);
        assertThat(literal.head()).isNull();
        assertThat(literal.toByteArray()).isEqualTo(w.write(new Literal(Key.of("lit"), "v"), prefix));
        // a head that holds more than the function is refused
        ByteBuffer longer = ByteBuffer.allocate(pa.head().size() + 1).put(pa.head().buffer()).put((byte) 1).flip();
        longer.position(prefix.length);
        assertThatThrownBy(() -> cache.read(a.key(), longer, pa.tail().buffer())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 bytes after its function");
    }

    @Test
    void aPrefixComesFirstInTheSameArray() throws Exception {
        byte[] prefix = {9, 8, 7};
        Task t = new Task(Key.of("t", 1), new Offset(3), Arg.value(5));
        TaskPayloads.Writer w = new TaskPayloads.Writer(serialization);
        byte[] plain = w.write(t);
        byte[] prefixed = w.write(t, prefix);
        assertThat(Arrays.copyOfRange(prefixed, 0, 3)).containsExactly(9, 8, 7);
        assertThat(Arrays.copyOfRange(prefixed, 3, prefixed.length)).isEqualTo(plain);
        io.jdask.graph.Node literal = new Literal(Key.of("lit"), "a value");
        byte[] lit = w.write(literal);
        byte[] litPrefixed = w.write(literal, prefix);
        assertThat(Arrays.copyOfRange(litPrefixed, 3, litPrefixed.length)).isEqualTo(lit);
        assertThat(w.write(literal, new byte[0])).isEqualTo(lit);
    }

    @Test
    void argumentsWithoutACompactFormGoThroughTheSerialization() throws Exception {
        Task t = new Task(Key.of("t"), new Offset(1), Arg.value(List.of(1, 2)), Arg.many(List.of(Arg.value(3), Arg.ref(Key.of("y")))), Arg.value(4));
        byte[] bytes = new TaskPayloads.Writer(serialization).write(t);
        Task back = new TaskPayloads.FunctionCache(serialization).read(t.key(), ByteBuffer.wrap(bytes));
        assertThat(back.args()).isEqualTo(t.args());
        assertThat(run(back, Map.of(Key.of("y"), 9))).isEqualTo("[[1, 2], [3, 9], 4]+1");
    }

    @Test
    void oneFunctionIsWrittenOnceAndReadOncePerCache() {
        TaskPayloads.Writer w = new TaskPayloads.Writer(serialization);
        Offset f = new Offset(2);
        byte[] a = w.write(new Task(Key.of("m", 0), f, Arg.value(0)));
        byte[] b = w.write(new Task(Key.of("m", 1), new Offset(2), Arg.value(1))); // equal records share
        byte[] c = w.write(new Task(Key.of("m", 2), new Offset(9), Arg.value(2)));

        TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(serialization);
        Task ta = cache.read(Key.of("m", 0), ByteBuffer.wrap(a));
        Task tb = cache.read(Key.of("m", 1), ByteBuffer.wrap(b));
        assertThat(tb.function()).isSameAs(ta.function());
        assertThat(cache.size()).isEqualTo(1);
        Task tc = cache.read(Key.of("m", 2), ByteBuffer.wrap(c));
        assertThat(tc.function()).isEqualTo(new Offset(9)).isNotSameAs(ta.function());
        assertThat(cache.size()).isEqualTo(2);

        TaskPayloads.FunctionCache other = new TaskPayloads.FunctionCache(serialization);
        assertThat(other.read(Key.of("m", 0), ByteBuffer.wrap(a)).function()).as("another cache reads its own copy").isNotSameAs(ta.function());
    }

    @Test
    void theCacheKeepsAtMostItsBoundOfFunctions() {
        TaskPayloads.Writer w = new TaskPayloads.Writer(serialization);
        TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(serialization);
        for (int i = 0; i < TaskPayloads.FunctionCache.MAX_ENTRIES + 10; i++) {
            cache.read(Key.of("k", i), ByteBuffer.wrap(w.write(new Task(Key.of("k", i), new Offset(i), Arg.value(i)))));
        }
        assertThat(cache.size()).isEqualTo(TaskPayloads.FunctionCache.MAX_ENTRIES);
    }

    @Test
    void otherNodesKeepCoresFormat() {
        byte[] bytes = new TaskPayloads.Writer(serialization).write(new Literal(Key.of("l"), 42));
        assertThat(TaskPayloads.isTask(ByteBuffer.wrap(bytes))).isFalse();
        assertThat(serialization.fromBytes(bytes)).isEqualTo(new Literal(Key.of("l"), 42));
    }

    @Test
    void badBytesAreRefusedNamingTheTask() {
        byte[] good = new TaskPayloads.Writer(serialization).write(new Task(Key.of("t"), new Offset(1), Arg.value(1)));
        TaskPayloads.FunctionCache cache = new TaskPayloads.FunctionCache(serialization);

        byte[] version = good.clone();
        version[4] = 9;
        assertThatThrownBy(() -> cache.read(Key.of("t"), ByteBuffer.wrap(version))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9").hasMessageContaining("t");
        byte[] cut = Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> cache.read(Key.of("t"), ByteBuffer.wrap(cut))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("task t").hasMessageContaining("cut short");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> cache.read(Key.of("t"), ByteBuffer.wrap(longer))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 unread bytes");
        byte[] fn = good.clone();
        ByteBuffer.wrap(fn).putInt(5, good.length);
        assertThatThrownBy(() -> cache.read(Key.of("t"), ByteBuffer.wrap(fn))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("function of task t");
    }
}
