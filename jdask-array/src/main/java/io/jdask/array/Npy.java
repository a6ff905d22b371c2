package io.jdask.array;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1, 2 and 3; C or Fortran order;
 * little- or big-endian) holding the dtypes jdask knows.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** What an {@code .npy} header says: dtype, byte order, layout, shape, and where the data starts. */
    record Header(DType dtype, ByteOrder order, boolean fortran, int[] shape, long dataOffset) {}

    /**
     * @param path an {@code .npy} file
     * @return its contents
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it is not an {@code .npy} file of a supported dtype
     */
    public static NDArray read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = header(ch, path);
            int n = Layout.sizeInt(h.shape());
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact((long) n * h.dtype().itemSize()));
            readFully(ch, b, h.dataOffset());
            b.flip();
            b.order(h.order());
            if (h.fortran()) {
                int[] reversed = reverse(h.shape());
                NDArray colMajor = new NDArray(h.dtype(), reversed, decode(h.dtype(), b, n));
                return colMajor.transpose();
            }
            return new NDArray(h.dtype(), h.shape(), decode(h.dtype(), b, n));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an array as a version 1.0 {@code .npy} file (C order, little-endian), replacing the file.
     *
     * @param path the file
     * @param array the array
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path path, NDArray array) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = ByteBuffer.wrap(headerBytes(array.dtype(), array.shapeRef()));
            while (h.hasRemaining()) {
                ch.write(h);
            }
            ByteBuffer d = NDArraySerializer.encode(array.dataOnce(), array.nbytes());
            while (d.hasRemaining()) {
                ch.write(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param path an {@code .npy} file (its header is read now, the data block by block when computed)
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole); none for automatic chunks
     * @return the file's array
     * @throws UncheckedIOException when the header cannot be read
     */
    public static Array readArray(Path path, int... chunkSizes) {
        return Stores.fromNpy(path, chunkSizes);
    }

    /**
     * Computes an array and writes it as one {@code .npy} file (version 1.0, C order,
     * little-endian); blocks are written in parallel at their places in the file.
     *
     * @param path the file (replaced)
     * @param array the array (chunk lengths must be known)
     * @throws UncheckedIOException when writing fails
     */
    public static void write(Path path, Array array) {
        Stores.toNpy(array, path);
    }

    static byte[] headerBytes(DType dtype, int[] shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ").append(ShapeText.of(shape)).append(", }");
        int total = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }

    static Header header(FileChannel ch, Path path) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, pre, 0);
        pre.flip();
        byte[] magic = new byte[6];
        if (pre.remaining() < 10) {
            throw new IllegalArgumentException(path + " is not an .npy file (too short)");
        }
        pre.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(path + " is not an .npy file (no \\x93NUMPY magic)");
        }
        int major = pre.get();
        pre.get();
        long len;
        int start;
        if (major == 1) {
            len = Short.toUnsignedInt(pre.getShort());
            start = 10;
        } else if (major == 2 || major == 3) {
            len = Integer.toUnsignedLong(pre.getInt());
            start = 12;
        } else {
            throw new IllegalArgumentException(path + ": unsupported .npy format version " + major);
        }
        ByteBuffer text = ByteBuffer.allocate(Math.toIntExact(len));
        readFully(ch, text, start);
        String dict = new String(text.array(), 0, text.position(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher o = ORDER.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IllegalArgumentException(path + ": malformed .npy header " + dict.strip());
        }
        String descr = d.group(1);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String little = descr.startsWith(">") || descr.startsWith("=") ? "<" + descr.substring(1) : descr;
        if (little.equals("|b1") || little.equals("<b1")) {
            little = "|b1";
        }
        DType dtype = DType.fromDescr(little);
        String[] dims = s.group(1).split(",");
        int count = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                count++;
            }
        }
        int[] shape = new int[count];
        int k = 0;
        for (String dim : dims) {
            if (!dim.isBlank()) {
                shape[k++] = Integer.parseInt(dim.strip().replace("L", ""));
            }
        }
        return new Header(dtype, order, o.group(1).equals("True"), shape, start + len);
    }

    static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                break;
            }
            pos += r;
        }
    }

    private static Object decode(DType t, ByteBuffer b, int n) {
        if (b.order() == ByteOrder.LITTLE_ENDIAN || t == DType.BOOL) {
            return NDArraySerializer.decode(t, b, n);
        }
        Object data = Storage.allocate(t, n);
        switch (data) {
            case double[] x -> b.asDoubleBuffer().get(x);
            case float[] x -> b.asFloatBuffer().get(x);
            case short[] x -> b.asShortBuffer().get(x);
            case long[] x -> b.asLongBuffer().get(x);
            case int[] x -> b.asIntBuffer().get(x);
            default -> throw new IllegalStateException();
        }
        return data;
    }

    private static int[] reverse(int[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[s.length - 1 - i];
        }
        return r;
    }
}
