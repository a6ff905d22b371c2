package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The single-array format: round trips, and clear errors for anything that is not one. */
class SerializationBytesTest {
    private final Serialization s = Serialization.get();

    @Test
    void headerNamesTheTypeAndFrameLengths() {
        byte[] bytes = s.toBytes(new int[] {7, 8});
        ByteBuffer b = ByteBuffer.wrap(bytes);
        assertThat(b.getInt()).isEqualTo(0x4A44534B);
        assertThat(b.get()).isEqualTo((byte) 1);
        assertThat(b.get()).isZero();
        int idLength = b.getShort();
        byte[] id = new byte[idLength];
        b.get(id);
        assertThat(new String(id)).isEqualTo("jdask.int[]");
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.remaining()).isEqualTo(8);
        assertThat((int[]) s.fromBytes(bytes)).containsExactly(7, 8);
    }

    @Test
    void serializedValuesPackAndUnpack() {
        Serialized out = s.serialize(new TestVector("v", new double[] {1, 2}));
        Serialized back = Serialized.fromBytes(out.toBytes());
        assertThat(back.typeId()).isEqualTo("test.vector");
        assertThat(back.frames()).isEqualTo(out.frames());
        assertThat(back.totalBytes()).isEqualTo(out.totalBytes()).isEqualTo(1 + 16);
    }

    @Test
    void everyTruncationGivesAClearError() {
        for (Object value : List.<Object>of(new double[] {1, 2, 3}, "text", Map.of("k", List.of(1, 2)), new TestVector("t",
                new double[] {4}))) {
            byte[] bytes = s.toBytes(value);
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThatThrownBy(() -> s.fromBytes(cut))
                        .as("%s cut to %d of %d bytes", value, n, bytes.length)
                        .isExactlyInstanceOf(SerializationException.class)
                        .hasMessageContaining("truncated");
            }
        }
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] bytes = s.toBytes("abc");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> s.fromBytes(longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("3 unexpected bytes after the last frame");
    }

    @Test
    void foreignDataAndOtherVersionsAreRecognised() {
        assertThatThrownBy(() -> s.fromBytes("hello, world".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not jdask serialized data");
        byte[] bytes = s.toBytes(1);
        bytes[4] = 9;
        assertThatThrownBy(() -> s.fromBytes(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 9 is not supported");
        assertThatThrownBy(() -> s.fromBytes(null)).isInstanceOf(SerializationException.class);
    }

    @Test
    void corruptLengthsAreAnError() {
        byte[] bytes = s.toBytes(new long[] {1, 2});
        int lengthAt = 4 + 4 + "jdask.long[]".length() + 4;
        ByteBuffer.wrap(bytes).putInt(lengthAt, -5);
        assertThatThrownBy(() -> s.fromBytes(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("negative length");
    }

    @Test
    void cutFallbackPayloadsGiveASerializationException() {
        Serialized whole = s.serialize(Map.of("key", List.of("a", "b", "c"), "other", new Order(1)));
        ByteBuffer stream = whole.frames().get(0);
        for (int n = 0; n < stream.remaining(); n++) {
            Serialized cut = new Serialized(whole.typeId(), List.of(stream.duplicate().limit(stream.position() + n)));
            byte[] bytes = cut.toBytes();
            assertThatThrownBy(() -> s.fromBytes(bytes))
                    .as("Fory stream cut to %d bytes", n)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("jdask.fory");
        }
    }

    record Order(int id) {}

    @Test
    void unknownTypeIdsNameWhatIsKnown() {
        Serialized alien = new Serialized("acme.matrix", List.of(ByteBuffer.allocate(4)));
        assertThatThrownBy(() -> s.fromBytes(alien.toBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown type id 'acme.matrix'")
                .hasMessageContaining("jdask.double[]");
    }

    @Test
    void serializedRejectsMissingParts() {
        assertThatThrownBy(() -> new Serialized("", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Serialized("x",
                Arrays.asList((ByteBuffer) null))).isInstanceOf(IllegalArgumentException.class);
    }
}
