package io.jdask.dataframe;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.jdask.dataframe.files.Compression;
import io.jdask.tokenize.TokenSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CSV files as partitions: one per compressed file, one per block of an uncompressed file (see
 * {@link CsvBoundaries} for how blocks agree on row boundaries). Made by {@link Csv#source}.
 */
final class CsvSource implements PartitionSource {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CsvSource.class);

    /**
     * One partition: the raw bytes {@code [start, end)} of a file (block {@code index} of those of
     * {@code blockSize} bytes), or the whole file when {@code whole}.
     */
    record Block(String path, long size, long modified, int index, long start, long end, boolean whole)
            implements Serializable {}

    private final String pattern;
    private final List<Block> blocks;
    private final CsvOptions options;
    private final long blockSize;
    private final List<String> names;
    private final List<String> header;
    private final List<DType> types;
    private final int[] projection;
    private final double bytesPerRow;

    CsvSource(String pattern, List<Block> blocks, CsvOptions options, long blockSize, List<String> names,
              List<String> header, List<DType> types, int[] projection, double bytesPerRow) {
        this.pattern = pattern;
        this.blocks = List.copyOf(blocks);
        this.options = options;
        this.blockSize = blockSize;
        this.names = List.copyOf(names);
        this.header = header == null ? null : List.copyOf(header);
        this.types = List.copyOf(types);
        this.projection = projection.clone();
        this.bytesPerRow = bytesPerRow;
    }

    @Override
    public String name() {
        return "read-csv";
    }

    @Override
    public Frame meta() {
        Frame.Builder b = Frame.builder();
        for (int f : projection) {
            b.column(names.get(f), cast(CsvColumnBuilder.of(types.get(f), 0).build(0), types.get(f), pattern, f));
        }
        return b.build();
    }

    @Override
    public int numPartitions() {
        return blocks.size();
    }

    @Override
    public Optional<List<Comparable<?>>> divisions() {
        return Optional.empty();
    }

    @Override
    public PartitionSource project(List<String> columns) {
        int[] p = new int[columns.size()];
        for (int k = 0; k < p.length; k++) {
            int f = names.indexOf(columns.get(k));
            if (f < 0) {
                throw new IllegalArgumentException("no column '" + columns.get(k) + "' in " + pattern + "; columns: " + names);
            }
            p[k] = f;
        }
        return new CsvSource(pattern, blocks, options, blockSize, names, header, types, p, bytesPerRow);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString("read-csv").putString(pattern);
        options.tokenize(sink);
        sink.putLong(blockSize).putLong(blocks.size());
        for (Block b : blocks) {
            sink.putString(b.path()).putLong(b.size()).putLong(b.modified()).putLong(b.start()).putLong(b.end());
        }
        sink.putLong(types.size());
        for (int f = 0; f < types.size(); f++) {
            sink.putString(names.get(f)).putString(types.get(f).name());
        }
        sink.putLong(projection.length);
        for (int f : projection) {
            sink.putLong(f);
        }
    }

    /** @return the blocks (for tests and planning) */
    List<Block> blocks() {
        return blocks;
    }

    @Override
    public Frame read(int partition) {
        Block b = blocks.get(partition);
        Path path = Path.of(b.path());
        String file = b.path();
        long expectedBytes = (b.whole() ? b.size() : b.end() - b.start());
        int capacity = (int) Math.min(1 << 24, expectedBytes / Math.max(1, bytesPerRow) * 1.1 + 16);
        CsvColumnBuilder[] byField = new CsvColumnBuilder[names.size()];
        for (int f : projection) {
            byField[f] = CsvColumnBuilder.of(types.get(f), capacity);
        }
        CsvHandler handler;
        try {
            if (b.whole()) {
                checkUnchanged(path, b);
                Compression c = Compression.of(file);
                try (InputStream in = CsvInputs.skipBom(c.open(path), options.encoding())) {
                    handler = handler(file, byField, header, () -> 0, path);
                    parse(new InputStreamReader(in, options.encoding()), handler, file);
                }
            } else {
                handler = readBlock(path, b, byField);
            }
        } catch (IOException e) {
            throw new DataSourceException(file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DataSourceException(file + ": " + e.getCause().getMessage(), e);
        }
        if (handler.dropped() > 0 && options.badRows() == CsvOptions.BadRows.WARN) {
            LOG.warn("read-csv: dropped {} bad row(s) of {} (partition {}, bytes {}..{}); first: {}", handler.dropped(), file,
                    partition, b.start(), b.whole() ? b.size() : b.end(), handler.firstBad());
        }
        Frame.Builder out = Frame.builder();
        for (int f : projection) {
            out.column(names.get(f), cast(byField[f].build(handler.rows()), types.get(f), file, f));
        }
        return out.build();
    }

    /** Narrower declared types (i32, f32, f16, category) are parsed wide and cast here. */
    private Column cast(Column c, DType declared, String file, int field) {
        if (c.dtype() == declared) {
            return c;
        }
        try {
            return c.astype(declared);
        } catch (IllegalArgumentException e) {
            throw new DataSourceException(file + ": column " + (field + 1) + " ('" + names.get(field) + "'): " + e.getMessage()
                    + " (row of this partition)", e);
        }
    }

    private CsvHandler readBlock(Path path, Block b, CsvColumnBuilder[] byField) throws IOException {
        String file = b.path();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            checkUnchanged(path, b);
            Charset cs = options.encoding();
            long size = b.size();
            long bom = CsvInputs.bomLength(ch, cs);
            byte sep = (byte) options.separator();
            byte quote = (byte) options.quote();
            byte[] cls = CsvBoundaries.classes(sep, quote);
            byte state = CsvBoundaries.ROW_START;
            for (int j = 0; j < b.index(); j++) {
                state = CsvBoundaries.summary(ch, key(b, j, bom))[state];
            }
            if (state == CsvBoundaries.ERROR) {
                throw new DataSourceException(file + ": unexpected character after a closing quote before byte " + b.start());
            }
            // the byte-order mark is not text: positions before its end count as its end
            long from = CsvBoundaries.nextBoundary(ch, file, Math.max(b.start(), bom), size, state, cls);
            long to = size;
            if (b.end() < size) {
                byte endState = CsvBoundaries.summary(ch, key(b, b.index(), bom))[state];
                to = CsvBoundaries.nextBoundary(ch, file, Math.max(b.end(), bom), size, endState, cls);
            }
            boolean startsFile = from == bom;
            if (!startsFile && from < to && header != null) {
                CsvInputs.checkHeader(path, options, header);
            }
            long start = from;
            CsvBoundaries.Key fileKey = key(b, 0, 0);
            LongSupplier linesBefore = () -> {
                try (FileChannel c2 = FileChannel.open(path, StandardOpenOption.READ)) {
                    return CsvBoundaries.linesBefore(c2, fileKey, blockSize, start);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            CsvHandler handler = handler(file, byField, startsFile ? header : null, linesBefore, path);
            if (from < to) {
                parse(new InputStreamReader(new CsvRangeInput(ch, from, to), cs), handler, file);
            }
            return handler;
        }
    }

    private CsvBoundaries.Key key(Block b, int j, long bom) {
        long from = Math.max(bom, j * blockSize);
        long to = Math.max(bom, Math.min(b.size(), (j + 1) * blockSize));
        return new CsvBoundaries.Key(b.path(), b.size(), b.modified(), from, to, (byte) options.separator(), (byte) options.quote());
    }

    private CsvHandler handler(String file, CsvColumnBuilder[] byField, List<String> expectedHeader, LongSupplier linesBefore,
                               Path path) {
        return new CsvHandler(file, byField, names, types, options, expectedHeader, linesBefore,
                line -> CsvInputs.lineText(path, options.encoding(), line));
    }

    private void parse(Reader reader, CsvHandler handler, String file) {
        CsvReader<Object> r = CsvReader.builder()
                .fieldSeparator(options.separator())
                .quoteCharacter(options.quote())
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(handler, reader);
        try {
            r.iterator().hasNext();
        } catch (CsvParseException e) {
            if (e.getCause() instanceof DataSourceException d) {
                throw d;
            }
            if (e.getCause() instanceof RuntimeException x) {
                throw x;
            }
            String msg = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            throw new DataSourceException(file + ": line " + handler.fileLine(handler.currentLine()) + ": " + msg, e);
        }
    }

    private static void checkUnchanged(Path path, Block b) throws IOException {
        long size = Files.size(path);
        long modified = Files.getLastModifiedTime(path).toMillis();
        if (size != b.size() || modified != b.modified()) {
            throw new DataSourceException(path + " changed since the read was planned (size " + b.size() + " -> " + size + ")");
        }
    }
}
