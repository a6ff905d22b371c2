package io.jdask.dataframe;

import io.jdask.serialize.ArrayFill;
import io.jdask.serialize.BlockSerializer;
import io.jdask.serialize.BlockSink;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends {@link Frame} blocks as a header frame and three frames per column (the index first, when
 * there is one): the raw little-endian value array, the validity bitmap words (empty when every
 * value is present or the column is floating) and the dictionary (empty unless STRING or
 * CATEGORY). Numeric arrays and bitmaps are copied in bulk.
 *
 * <pre>
 * header:     int version (1) | int rows | int columns | byte hasIndex | byte sorted
 *             then per column (index first): name | int dtype | int dictionarySize (-1: none)
 *             name: int byteLength (-1: null) | UTF-8 bytes
 * data:       rows * itemSize bytes (bool: one byte per row, 0 or 1)
 * validity:   0 bytes, or ceil(rows / 64) little-endian longs
 * dictionary: per entry: int byteLength | UTF-8 bytes
 * </pre>
 */
public final class FrameSerializer implements BlockSerializer<Frame> {
    private static final int VERSION = 1;

    /** Used by {@link java.util.ServiceLoader}. */
    public FrameSerializer() {}

    @Override
    public Class<Frame> type() {
        return Frame.class;
    }

    @Override
    public String typeId() {
        return "jdask.frame";
    }

    private static List<String> allNames(Frame f) {
        List<String> names = new ArrayList<>();
        if (f.hasIndex()) {
            names.add(f.indexName());
        }
        names.addAll(f.columnNames());
        return names;
    }

    private static List<Column> allColumns(Frame f) {
        List<Column> cs = new ArrayList<>();
        if (f.hasIndex()) {
            cs.add(f.index());
        }
        for (int i = 0; i < f.numColumns(); i++) {
            cs.add(f.column(i));
        }
        return cs;
    }

    @Override
    public List<ByteBuffer> toFrames(Frame f) {
        List<FrameSource> sources = toFrameSources(f);
        List<ByteBuffer> out = new ArrayList<>(sources.size());
        for (FrameSource src : sources) {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(src.length())).order(ByteOrder.LITTLE_ENDIAN);
            src.copyTo(0, b);
            out.add(b.flip());
        }
        return out;
    }

    /** The same frames, the columns' value arrays and bitmaps read in place as they are copied out. */
    @Override
    public List<FrameSource> toFrameSources(Frame f) {
        List<String> names = allNames(f);
        List<Column> cols = allColumns(f);
        List<byte[]> nameBytes = new ArrayList<>();
        int headerSize = 14;
        for (String n : names) {
            byte[] b = n == null ? null : n.getBytes(StandardCharsets.UTF_8);
            nameBytes.add(b);
            headerSize += 12 + (b == null ? 0 : b.length);
        }
        ByteBuffer h = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(VERSION).putInt(f.numRows()).putInt(f.numColumns());
        h.put((byte) (f.hasIndex() ? 1 : 0)).put((byte) (f.isSorted() ? 1 : 0));
        List<FrameSource> out = new ArrayList<>();
        out.add(null); // the header, once complete
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            byte[] nb = nameBytes.get(i);
            h.putInt(nb == null ? -1 : nb.length);
            if (nb != null) {
                h.put(nb);
            }
            h.putInt(c.dtype().ordinal());
            h.putInt(c.dtype().isDictionary() ? c.dictionaryRef().length : -1);
            Math.multiplyExact(c.length(), c.dtype().itemSize()); // a column's bytes fit in one frame
            out.add(FrameSource.ofArray(c.data(), 0, c.length()));
            long[] v = c.validity();
            out.add(FrameSource.ofArray(v == null ? new long[0] : v, 0, v == null ? 0 : v.length));
            out.add(FrameSource.of(encodeDictionary(c.dtype().isDictionary() ? c.dictionaryRef() : new String[0])));
        }
        out.set(0, FrameSource.of(h.flip()));
        return out;
    }

    private static ByteBuffer encodeDictionary(String[] dict) {
        byte[][] bytes = new byte[dict.length][];
        int size = 0;
        for (int i = 0; i < dict.length; i++) {
            bytes[i] = dict[i].getBytes(StandardCharsets.UTF_8);
            size += 4 + bytes[i].length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] e : bytes) {
            b.putInt(e.length).put(e);
        }
        return b.flip();
    }

    @Override
    public Frame fromFrames(List<ByteBuffer> frames) {
        if (frames.isEmpty()) {
            throw new SerializationException("a Frame has at least a header frame");
        }
        Header h = readHeader(frames.get(0), frames.size());
        List<Column> cols = new ArrayList<>(h.columns().size());
        for (int i = 0; i < h.columns().size(); i++) {
            ColumnSpec spec = h.columns().get(i);
            ByteBuffer d = frames.get(1 + 3 * i).slice();
            checkData(spec, h.rows(), d.remaining());
            ArrayFill data = new ArrayFill(newData(spec.dtype(), h.rows()));
            data.accept(d);
            ByteBuffer v = frames.get(2 + 3 * i).slice();
            checkValidity(spec, h.rows(), v.remaining());
            long[] validity = null;
            if (v.remaining() > 0) {
                validity = new long[Bits.words(h.rows())];
                new ArrayFill(validity).accept(v);
            }
            cols.add(column(spec, h.rows(), data.array(), validity, frames.get(3 + 3 * i)));
        }
        return build(h, cols);
    }

    /** Streams a partition's columns straight into their arrays as the bytes arrive. */
    @Override
    public BlockSink<Frame> newSink(long[] frameLengths) {
        return new FrameSink(frameLengths);
    }

    /** One column as the header describes it; {@code dictSize} is -1 without a dictionary. */
    record ColumnSpec(String name, DType dtype, int dictSize) {}

    /** A partition's header frame: its rows and its columns, the index first when it has one. */
    record Header(int rows, boolean hasIndex, boolean sorted, List<ColumnSpec> columns) {}

    /**
     * Reads and checks the header frame.
     *
     * @param frame the header frame (not moved)
     * @param frameCount how many frames the partition has, the header included
     */
    static Header readHeader(ByteBuffer frame, int frameCount) {
        ByteBuffer h = frame.slice().order(ByteOrder.LITTLE_ENDIAN);
        try {
            int version = h.getInt();
            int rows = h.getInt();
            int ncols = h.getInt();
            boolean hasIndex = h.get() != 0;
            boolean sorted = h.get() != 0;
            if (version != VERSION || rows < 0 || ncols < 0) {
                throw new SerializationException("invalid Frame header (version " + version + ", rows " + rows
                        + ", columns " + ncols + ")");
            }
            int total = ncols + (hasIndex ? 1 : 0);
            if (frameCount != 1 + 3L * total) {
                throw new SerializationException("a Frame with " + total + " columns has " + (1 + 3L * total)
                        + " frames, got " + frameCount);
            }
            List<ColumnSpec> specs = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                int len = h.getInt();
                if (len < -1 || len > h.remaining()) {
                    throw new SerializationException("invalid column name length " + len);
                }
                String name = null;
                if (len >= 0) {
                    byte[] nb = new byte[len];
                    h.get(nb);
                    name = new String(nb, StandardCharsets.UTF_8);
                }
                int t = h.getInt();
                int dictSize = h.getInt();
                if (t < 0 || t >= DType.values().length) {
                    throw new SerializationException("invalid dtype " + t + " for column " + name);
                }
                DType dtype = DType.values()[t];
                if (dtype.isDictionary() != (dictSize >= 0)) {
                    throw new SerializationException("column " + name + " of type " + dtype.label()
                            + " has dictionary size " + dictSize);
                }
                if (name == null && !(hasIndex && i == 0)) {
                    throw new SerializationException("column " + i + " has no name");
                }
                specs.add(new ColumnSpec(name, dtype, dictSize));
            }
            if (h.hasRemaining()) {
                throw new SerializationException("Frame header has " + h.remaining() + " trailing bytes");
            }
            return new Header(rows, hasIndex, sorted, specs);
        } catch (java.nio.BufferUnderflowException e) {
            throw new SerializationException("Frame header too short");
        }
    }

    /** Checks a column's data frame length against its rows. */
    static void checkData(ColumnSpec spec, int rows, long frameBytes) {
        if ((long) rows * spec.dtype().itemSize() != frameBytes) {
            throw new SerializationException("column " + spec.name() + " (" + spec.dtype().label() + ", " + rows
                    + " rows) needs " + (long) rows * spec.dtype().itemSize() + " bytes, the frame holds " + frameBytes);
        }
    }

    /** Checks a column's validity frame length (empty, or one bit per row in whole longs). */
    static void checkValidity(ColumnSpec spec, int rows, long frameBytes) {
        if (frameBytes > 0 && (spec.dtype().isFloating() || frameBytes != 8L * Bits.words(rows))) {
            throw new SerializationException("column " + spec.name() + " has a validity frame of " + frameBytes
                    + " bytes for " + rows + " rows of " + spec.dtype().label());
        }
    }

    /** @return the array that holds {@code rows} values of a column of this type */
    static Object newData(DType t, int rows) {
        return switch (t) {
            case F64 -> new double[rows];
            case F32 -> new float[rows];
            case F16 -> new short[rows];
            case I64, TIMESTAMP -> new long[rows];
            case I32, DATE, STRING, CATEGORY -> new int[rows];
            case BOOL -> new boolean[rows];
        };
    }

    /** Makes a column from its filled arrays and its dictionary frame, checking the dictionary codes. */
    static Column column(ColumnSpec spec, int n, Object data, long[] validity, ByteBuffer dictFrame) {
        String name = spec.name();
        int dictSize = spec.dictSize();
        String[] dict = null;
        ByteBuffer db = dictFrame.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (dictSize >= 0) {
            dict = new String[dictSize];
            try {
                for (int k = 0; k < dictSize; k++) {
                    int len = db.getInt();
                    if (len < 0 || len > db.remaining()) {
                        throw new SerializationException("invalid dictionary entry length " + len + " in column " + name);
                    }
                    byte[] e = new byte[len];
                    db.get(e);
                    dict[k] = new String(e, StandardCharsets.UTF_8);
                }
            } catch (java.nio.BufferUnderflowException e) {
                throw new SerializationException("dictionary of column " + name + " is truncated");
            }
            int[] codes = (int[]) data;
            for (int i = 0; i < n; i++) {
                if ((validity == null || Bits.get(validity, i)) && (codes[i] < 0 || codes[i] >= dictSize)) {
                    throw new SerializationException("column " + name + " row " + i + ": code " + codes[i]
                            + " outside a dictionary of " + dictSize);
                }
            }
        }
        if (db.hasRemaining()) {
            throw new SerializationException("column " + name + " has " + db.remaining() + " unexpected dictionary bytes");
        }
        try {
            return new Column(spec.dtype(), n, data, validity, dict);
        } catch (IllegalArgumentException e) {
            throw new SerializationException("invalid Frame: " + e.getMessage());
        }
    }

    /** Puts the partition together from its columns, the index first when it has one. */
    static Frame build(Header h, List<Column> cols) {
        try {
            Frame.Builder b = Frame.builder();
            for (int i = 0; i < cols.size(); i++) {
                String name = h.columns().get(i).name();
                if (h.hasIndex() && i == 0) {
                    if (h.sorted()) {
                        b.sortedIndex(name, cols.get(i));
                    } else {
                        b.index(name, cols.get(i));
                    }
                } else {
                    b.column(name, cols.get(i));
                }
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SerializationException("invalid Frame: " + e.getMessage());
        }
    }

    /**
     * @return the bytes of every value array, validity bitmap and dictionary string (two bytes per
     *     char), plus 64 bytes per column and for the frame itself
     */
    @Override
    public long sizeOf(Frame f) {
        long size = 64;
        for (Column c : allColumns(f)) {
            size += 64 + (long) c.length() * c.dtype().itemSize();
            if (c.validity() != null) {
                size += 8L * c.validity().length;
            }
            if (c.dtype().isDictionary()) {
                for (String s : c.dictionaryRef()) {
                    size += 48 + 2L * s.length();
                }
            }
        }
        return size;
    }
}
