package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spill files written from frame sources through a 1 MiB slice and read back straight into a
 * block's arrays: round trips of sizes around the slice, values read whole, and damaged files
 * refused with a message naming the file.
 */
class SpillFilesTest {
    private static final Serialization SER = Serialization.get();

    @Test
    void blocksAndOtherValuesRoundTripAtSizesAroundTheSlice(@TempDir Path dir) throws IOException {
        Random rnd = new Random(9);
        int slice = SpillFiles.SLICE;
        List<Object> values = new ArrayList<>();
        for (int n : new int[] {0, 1, slice / 8 - 1, slice / 8, slice / 8 + 1, 3 * slice / 4 + 5}) {
            double[] d = new double[n];
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                d[i] = rnd.nextGaussian();
                l[i] = rnd.nextLong();
            }
            values.add(d);
            values.add(l);
        }
        values.add("a string");
        values.add(new ArrayList<>(List.of(1, 2, 3)));
        int i = 0;
        for (Object v : values) {
            Path f = dir.resolve((i++) + ".spill");
            long written = SpillFiles.write(f, SER.serializeSources(v));
            assertThat(Files.size(f)).isEqualTo(written);
            Object back = SpillFiles.readValue(f, SER);
            assertThat(SER.toBytes(back)).isEqualTo(SER.toBytes(v));
            // the frames read whole are the same bytes
            assertThat(SpillFiles.read(f).frames().stream().mapToLong(ByteBuffer::remaining).sum())
                    .isEqualTo(SER.serialize(v).totalBytes());
        }
    }

    @Test
    void truncatedOrDamagedFilesAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        double[] v = new double[(SpillFiles.SLICE / 8) + 3];
        Path f = dir.resolve("v.spill");
        SpillFiles.write(f, SER.serializeSources(v));
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(Files.size(f) - 5);
        }
        assertThatThrownBy(() -> SpillFiles.readValue(f, SER)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("spill file " + f + " is corrupt").hasMessageContaining("announces");

        Path g = dir.resolve("w.spill");
        SpillFiles.write(g, SER.serializeSources(new double[16]));
        byte[] bytes = Files.readAllBytes(g);
        // frame length 127 (not whole doubles), file extended to match
        int lengthAt = 12 + "jdask.double[]".length() + 4;
        ByteBuffer.wrap(bytes).putLong(lengthAt, 127);
        Files.write(g, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> SpillFiles.readValue(g, SER)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("spill file " + g + " is corrupt").hasMessageContaining("not a multiple of the element width 8");
    }
}
