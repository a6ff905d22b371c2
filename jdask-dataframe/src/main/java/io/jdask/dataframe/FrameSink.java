package io.jdask.dataframe;

import io.jdask.serialize.ArrayFill;
import io.jdask.serialize.BlockSink;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds a {@link Frame} from its frames' bytes as they arrive ({@link FrameSerializer}'s
 * layout): the header frame is collected and checked first, against the lengths of every frame;
 * then each column's values and validity bitmap are copied straight from the pieces into the
 * column's own arrays (made when its first byte arrives), and its dictionary, small, is collected.
 * No buffer of the partition's size is made. Checks that need the whole column (dictionary codes)
 * run in {@link #finish}.
 */
final class FrameSink implements BlockSink<Frame> {
    private final long[] lengths;
    private final long total;
    private long received;
    /** The frame the next byte belongs to, and how many of its bytes have arrived. */
    private int frame;
    private long inFrame;
    private final ByteBuffer headerBytes;
    private FrameSerializer.Header header;
    /** Per column: values, validity (null while empty), dictionary bytes. */
    private final List<ArrayFill> data = new ArrayList<>();
    private final List<ArrayFill> validity = new ArrayList<>();
    private final List<ByteBuffer> dictionaries = new ArrayList<>();

    FrameSink(long[] frameLengths) {
        if (frameLengths.length == 0) {
            throw new SerializationException("a Frame has at least a header frame");
        }
        this.lengths = frameLengths.clone();
        long t = 0;
        for (long l : lengths) {
            t += l;
        }
        this.total = t;
        if (lengths[0] > 1 << 30) {
            throw new SerializationException("a Frame header frame of " + lengths[0] + " bytes");
        }
        this.headerBytes = ByteBuffer.allocate((int) lengths[0]);
        if (lengths[0] == 0) {
            readHeader(); // fails: a header has at least its fixed fields
        }
    }

    @Override
    public void accept(ByteBuffer bytes) {
        if (received + bytes.remaining() > total) {
            throw new SerializationException("a 'jdask.frame' block got more than the " + total
                    + " bytes its frames announced");
        }
        received += bytes.remaining();
        while (bytes.hasRemaining()) {
            while (inFrame == lengths[frame]) {
                frame++;
                inFrame = 0;
            }
            int n = (int) Math.min(bytes.remaining(), lengths[frame] - inFrame);
            ByteBuffer piece = bytes.slice(bytes.position(), n);
            bytes.position(bytes.position() + n);
            if (frame == 0) {
                headerBytes.put(piece);
                if (!headerBytes.hasRemaining()) {
                    readHeader();
                }
            } else {
                target(frame).accept(piece);
            }
            inFrame += n;
        }
    }

    /** Parses the header once whole and checks every frame's length against it. */
    private void readHeader() {
        header = FrameSerializer.readHeader(headerBytes.duplicate().flip(), lengths.length);
        int rows = header.rows();
        for (int i = 0; i < header.columns().size(); i++) {
            FrameSerializer.ColumnSpec spec = header.columns().get(i);
            FrameSerializer.checkData(spec, rows, lengths[1 + 3 * i]);
            FrameSerializer.checkValidity(spec, rows, lengths[2 + 3 * i]);
            if (lengths[3 + 3 * i] > Integer.MAX_VALUE - 8) {
                throw new SerializationException("column " + spec.name() + " has a dictionary frame of "
                        + lengths[3 + 3 * i] + " bytes");
            }
            data.add(null);
            validity.add(null);
            dictionaries.add(null);
        }
    }

    /** @return where the bytes of frame {@code f} (after the header) go, made on its first byte */
    private Target target(int f) {
        int col = (f - 1) / 3;
        FrameSerializer.ColumnSpec spec = header.columns().get(col);
        switch ((f - 1) % 3) {
            case 0 -> {
                if (data.get(col) == null) {
                    data.set(col, new ArrayFill(FrameSerializer.newData(spec.dtype(), header.rows())));
                }
                return data.get(col)::accept;
            }
            case 1 -> {
                if (validity.get(col) == null) {
                    validity.set(col, new ArrayFill(new long[(int) (lengths[f] / 8)]));
                }
                return validity.get(col)::accept;
            }
            default -> {
                if (dictionaries.get(col) == null) {
                    dictionaries.set(col, ByteBuffer.allocate((int) lengths[f]));
                }
                return dictionaries.get(col)::put;
            }
        }
    }

    @FunctionalInterface
    private interface Target {
        void accept(ByteBuffer piece);
    }

    @Override
    public Frame finish() {
        if (received != total || header == null) {
            throw new SerializationException("a 'jdask.frame' block is truncated: " + received + " of its " + total
                    + " bytes arrived");
        }
        int rows = header.rows();
        List<Column> cols = new ArrayList<>(header.columns().size());
        for (int i = 0; i < header.columns().size(); i++) {
            FrameSerializer.ColumnSpec spec = header.columns().get(i);
            Object values = data.get(i) != null ? data.get(i).array() : FrameSerializer.newData(spec.dtype(), rows);
            long[] valid = validity.get(i) != null ? (long[]) validity.get(i).array() : null;
            ByteBuffer dict = dictionaries.get(i) != null ? dictionaries.get(i).flip() : ByteBuffer.allocate(0);
            cols.add(FrameSerializer.column(spec, rows, values, valid, dict));
        }
        return FrameSerializer.build(header, cols);
    }
}
