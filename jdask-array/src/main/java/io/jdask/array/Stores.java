package io.jdask.array;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.graph.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arrays on disk: one {@code .npy} file read or written block by block in parallel, and the
 * chunked store, a directory holding {@code .jdask-array.json} (shape, dtype, chunks) and one
 * {@code .npy} file per block named by its index ({@code 0.1.npy}).
 */
final class Stores {
    static final String META = ".jdask-array.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Stores() {}

    static Array fromNpy(Path path, int[] chunkSizes) {
        Npy.Header h;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            h = Npy.header(ch, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        int[][] chunks = chunkSizes.length == 0 ? Chunks.auto(h.shape(), h.dtype()) : Chunks.of(h.shape(), chunkSizes);
        int[][] offsets = new int[chunks.length][];
        for (int d = 0; d < chunks.length; d++) {
            offsets[d] = Chunks.offsets(chunks[d]);
        }
        String file = path.toAbsolutePath().toString();
        long modified;
        try {
            modified = Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean plain = !h.fortran() && (h.order() == ByteOrder.LITTLE_ENDIAN || h.dtype() == DType.BOOL);
        String name = Layers.name("from-npy", file, modified, chunks);
        int[] shape = h.shape();
        DType dtype = h.dtype();
        long dataOffset = h.dataOffset();
        return Layers.layer(name, chunks, dtype, List.of(), (key, idx) -> {
            int[] start = new int[idx.length];
            for (int d = 0; d < idx.length; d++) {
                start[d] = offsets[d][idx[d]];
            }
            int[] bs = Chunks.blockShape(chunks, idx);
            return new Task(key, args -> plain ? readRegion(Path.of(file), dataOffset, dtype, shape, start, bs)
                    : Blocks.region(Npy.read(Path.of(file)), start, bs));
        });
    }

    /** Reads a block of a C-order little-endian file: one positional read per contiguous row. */
    static NDArray readRegion(Path file, long dataOffset, DType dtype, int[] shape, int[] start, int[] bs) throws IOException {
        int n = Layout.sizeInt(bs);
        int item = dtype.itemSize();
        ByteBuffer all = ByteBuffer.allocate(n * item).order(ByteOrder.LITTLE_ENDIAN);
        if (n > 0) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                forEachRow(shape, start, bs, (fileElement, len) -> {
                    ByteBuffer slice = all.slice(all.position(), len * item);
                    Npy.readFully(ch, slice, dataOffset + fileElement * item);
                    if (slice.hasRemaining()) {
                        throw new IOException(file + " is shorter than its header says");
                    }
                    all.position(all.position() + len * item);
                });
            }
        }
        all.flip();
        return new NDArray(dtype, bs, NDArraySerializer.decode(dtype, all, n));
    }

    interface RowAction {
        void run(long fileElement, int length) throws IOException;
    }

    /** Calls {@code action} for every row (run along the last axis) of a region, in row-major order. */
    static void forEachRow(int[] shape, int[] start, int[] bs, RowAction action) throws IOException {
        int nd = shape.length;
        if (nd == 0) {
            action.run(0, 1);
            return;
        }
        long[] strides = new long[nd];
        long acc = 1;
        for (int d = nd - 1; d >= 0; d--) {
            strides[d] = acc;
            acc *= shape[d];
        }
        int rows = 1;
        for (int d = 0; d < nd - 1; d++) {
            rows *= bs[d];
        }
        int[] idx = new int[nd];
        for (int r = 0; r < rows; r++) {
            long at = 0;
            for (int d = 0; d < nd; d++) {
                at += (start[d] + idx[d]) * strides[d];
            }
            action.run(at, bs[nd - 1]);
            for (int d = nd - 2; d >= 0; d--) {
                if (++idx[d] < bs[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    static void toNpy(Array a, Path path) {
        Masks.requireKnown(a, "toNpy");
        byte[] header = Npy.headerBytes(a.dtype(), a.shapeRef());
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer h = ByteBuffer.wrap(header);
            while (h.hasRemaining()) {
                ch.write(h);
            }
            if (a.nbytes() > 0) {
                ch.write(ByteBuffer.allocate(1), header.length + a.nbytes() - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        String file = path.toAbsolutePath().toString();
        int[] shape = a.shapeRef().clone();
        int[][] offsets = new int[a.ndim()][];
        for (int d = 0; d < a.ndim(); d++) {
            offsets[d] = Chunks.offsets(a.chunksRef()[d]);
        }
        long dataOffset = header.length;
        runWrites(a, "to-npy", file, (key, idx) -> {
            int[] start = new int[idx.length];
            for (int d = 0; d < idx.length; d++) {
                start[d] = offsets[d][idx[d]];
            }
            return new Task(key, args -> {
                NDArray b = (NDArray) args[0];
                ByteBuffer data = NDArraySerializer.encode(b.dataOnce(), b.nbytes());
                int item = b.dtype().itemSize();
                try (FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.WRITE)) {
                    forEachRow(shape, start, b.shapeRef(), (fileElement, len) -> {
                        ByteBuffer row = data.slice(data.position(), len * item);
                        long pos = dataOffset + fileElement * item;
                        while (row.hasRemaining()) {
                            pos += ch.write(row, pos);
                        }
                        data.position(data.position() + len * item);
                    });
                }
                return NDArray.zeros(DType.BOOL, new int[idx.length]);
            }, Layers.ref(a, idx));
        });
    }

    private static void runWrites(Array a, String prefix, String target, Layers.BlockTask make) {
        int[][] ones = new int[a.ndim()][];
        for (int d = 0; d < a.ndim(); d++) {
            ones[d] = new int[a.chunksRef()[d].length];
            java.util.Arrays.fill(ones[d], 1);
        }
        Array writes = Layers.layer(Layers.name(prefix, a, target, io.jdask.tokenize.Tokens.random()), ones,
                DType.BOOL, List.of(a), make);
        writes.compute();
    }

    static void toStore(Array a, Path dir) {
        Masks.requireKnown(a, "toStore");
        try {
            Files.createDirectories(dir);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("format", "jdask-array-store");
            meta.put("version", 1);
            meta.put("dtype", a.dtype().descr());
            meta.put("shape", a.shapeRef());
            meta.put("chunks", a.chunksRef());
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(META).toFile(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the store " + dir + ": " + e.getMessage(), e);
        }
        String root = dir.toAbsolutePath().toString();
        runWrites(a, "to-store", root, (key, idx) -> new Task(key, args -> {
            Npy.write(Path.of(root, blockFile(idx)), (NDArray) args[0]);
            return NDArray.zeros(DType.BOOL, new int[idx.length]);
        }, Layers.ref(a, idx)));
    }

    static String blockFile(int[] idx) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < idx.length; i++) {
            sb.append(i == 0 ? "" : ".").append(idx[i]);
        }
        return (idx.length == 0 ? "0" : sb.toString()) + ".npy";
    }

    static Array fromStore(Path dir) {
        Map<?, ?> meta;
        try {
            meta = JSON.readValue(dir.resolve(META).toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store " + dir + " (" + META + "): " + e.getMessage(), e);
        }
        if (!"jdask-array-store".equals(meta.get("format"))) {
            throw new IllegalArgumentException(dir + " is not a jdask array store");
        }
        DType dtype = DType.fromDescr((String) meta.get("dtype"));
        List<?> rawChunks = (List<?>) meta.get("chunks");
        int[][] chunks = new int[rawChunks.size()][];
        for (int d = 0; d < chunks.length; d++) {
            List<?> c = (List<?>) rawChunks.get(d);
            chunks[d] = new int[c.size()];
            for (int i = 0; i < c.size(); i++) {
                chunks[d][i] = ((Number) c.get(i)).intValue();
            }
        }
        String root = dir.toAbsolutePath().toString();
        long modified;
        try {
            modified = Files.getLastModifiedTime(dir.resolve(META)).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = Layers.name("from-store", root, modified, dtype, chunks);
        return Layers.layer(name, chunks, dtype, List.of(), (key, idx) -> {
            int[] bs = Chunks.blockShape(chunks, idx);
            String f = blockFile(idx);
            return new Task(key, args -> {
                NDArray b = Npy.read(Path.of(root, f));
                if (!java.util.Arrays.equals(b.shapeRef(), bs) || b.dtype() != dtype) {
                    throw new IllegalStateException("store " + root + ": block " + f + " has shape "
                            + ShapeText.of(b.shapeRef()) + " and dtype " + b.dtype().numpyName() + ", the metadata says "
                            + ShapeText.of(bs) + " and " + dtype.numpyName());
                }
                return b;
            });
        });
    }
}
