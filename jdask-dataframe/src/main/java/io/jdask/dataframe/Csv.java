package io.jdask.dataframe;

import io.jdask.config.Config;
import io.jdask.dataframe.files.Compression;
import io.jdask.dataframe.files.FileGlobs;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reading and writing CSV files, partition by partition. Parsing and writing go through FastCSV.
 *
 * <pre>{@code
 * PartitionSource src = Csv.source("data/2024-*.csv", CsvOptions.builder().parseDates("when").build());
 * Frame first = src.read(0);
 * Csv.write(first, Path.of("out/part-0.csv.gz"), CsvWriteOptions.defaults());
 * }</pre>
 *
 * <p>See {@code docs/dataframe.md} (section CSV) for what the reader guarantees about blocks,
 * quoting, types and bad rows.
 */
public final class Csv {
    /** Configuration key of the default block size. */
    public static final String BLOCK_SIZE_KEY = "dataframe.csv.block-size";
    /** Configuration key of the default sample size for type inference. */
    public static final String SAMPLE_SIZE_KEY = "dataframe.csv.sample-size";

    private Csv() {}

    /**
     * @param globOrPath a file or a glob ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>,
     *     {@code **}); matches are read in name order
     * @return the files' partitions with the default options
     */
    public static PartitionSource source(String globOrPath) {
        return source(globOrPath, CsvOptions.defaults());
    }

    /**
     * Plans a read: lists the files, reads a sample of the first non-empty one for the column
     * names and types, and splits large uncompressed files into blocks. Nothing else is read until
     * {@link PartitionSource#read}.
     *
     * @param globOrPath a file or a glob; matches are read in name order
     * @param options how to read them
     * @return one partition per compressed file, per small file and per block of a large one
     * @throws DataSourceException when nothing matches (naming the pattern), when every file is
     *     empty and no names are given, or when the schema names a column the files lack
     */
    public static PartitionSource source(String globOrPath, CsvOptions options) {
        List<Path> files = FileGlobs.matches(globOrPath);
        if (files.isEmpty()) {
            throw new DataSourceException("readCsv: no files match " + globOrPath);
        }
        long blockSize = options.blockSize() == CsvOptions.CONFIGURED ? Config.getBytes(BLOCK_SIZE_KEY) : options.blockSize();
        long sampleBytes = options.sampleBytes() == CsvOptions.CONFIGURED ? Config.getBytes(SAMPLE_SIZE_KEY) : options.sampleBytes();
        CsvInputs.Sample sample = null;
        Path sampled = null;
        for (Path f : files) {
            CsvInputs.Sample s = CsvInputs.sample(f, options, sampleBytes);
            if (!s.records().isEmpty()) {
                sample = s;
                sampled = f;
                break;
            }
        }
        List<List<String>> records = sample == null ? List.of() : sample.records();
        List<String> header = null;
        List<String> names;
        if (options.header() && !records.isEmpty()) {
            header = records.get(0);
            records = records.subList(1, records.size());
        }
        if (options.names() != null) {
            names = options.names();
            if (header != null && header.size() != names.size()) {
                throw new DataSourceException(sampled + ": " + names.size() + " names given for " + header.size()
                        + " columns " + header);
            }
        } else if (header != null) {
            names = header;
        } else if (!records.isEmpty()) {
            names = new ArrayList<>();
            for (int i = 0; i < records.get(0).size(); i++) {
                names.add(Integer.toString(i));
            }
        } else {
            throw new DataSourceException("readCsv: every file matching " + globOrPath + " is empty: no columns to read");
        }
        names = unique(names);
        for (String c : options.schema().keySet()) {
            requireColumn(c, names, globOrPath, "schema");
        }
        for (String c : options.parseDates()) {
            requireColumn(c, names, globOrPath, "parseDates");
        }
        List<DType> types = CsvInference.infer(records, names, options);
        for (int f = 0; f < types.size(); f++) {
            CsvColumnBuilder.of(types.get(f), 0); // rejects types the reader cannot parse, naming them
        }
        double bytesPerRow = sample == null || sample.records().isEmpty() ? 64
                : (double) sample.bytesRead() / sample.records().size();
        List<CsvSource.Block> blocks = new ArrayList<>();
        boolean splittable = blockSize > 0 && byteSyntax(options);
        for (Path f : files) {
            long size;
            long modified;
            try {
                size = Files.size(f);
                modified = Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                throw new DataSourceException(f + ": " + e.getMessage(), e);
            }
            String path = f.toString();
            if (splittable && size > blockSize && Compression.of(path) == Compression.NONE) {
                int j = 0;
                for (long start = 0; start < size; start += blockSize, j++) {
                    blocks.add(new CsvSource.Block(path, size, modified, j, start, Math.min(size, start + blockSize), false));
                }
            } else {
                blocks.add(new CsvSource.Block(path, size, modified, 0, 0, size, true));
            }
        }
        int[] all = new int[names.size()];
        Arrays.setAll(all, i -> i);
        return new CsvSource(globOrPath, blocks, options, blockSize, names, options.header() ? header : null, types, all,
                bytesPerRow);
    }

    /**
     * Writes a frame to one file (replacing it): a header line unless switched off, then one line
     * per row. Compressed when the name ends in {@code .gz}, {@code .bz2} or {@code .zst}.
     *
     * @param frame the rows
     * @param file the file; missing parent directories are created
     * @param options separator, quoting, header, index, encoding
     * @throws DataSourceException when the file cannot be written
     */
    public static void write(Frame frame, Path file, CsvWriteOptions options) {
        CsvFrameWriter.write(frame, file, options, false);
    }

    /**
     * Appends a frame's rows to a file, writing the header only when the file is missing or empty:
     * calling it for each partition in order builds one CSV file. A compressed file gets one more
     * compressed member, which the reader (and gzip, zstd, bzip2) reads on.
     *
     * @param frame the rows
     * @param file the file
     * @param options separator, quoting, header, index, encoding
     * @throws DataSourceException when the file cannot be written
     */
    public static void append(Frame frame, Path file, CsvWriteOptions options) {
        CsvFrameWriter.write(frame, file, options, true);
    }

    /**
     * @param pattern a file name pattern with exactly one {@code *}, e.g. {@code "out/part-*.csv"}
     * @param partition the partition number
     * @return the pattern with {@code *} replaced by the number, e.g. {@code out/part-7.csv}
     */
    public static Path partFile(String pattern, int partition) {
        int star = pattern.indexOf('*');
        if (star < 0 || pattern.indexOf('*', star + 1) >= 0) {
            throw new IllegalArgumentException("the file name pattern needs exactly one '*': " + pattern);
        }
        return Path.of(pattern.substring(0, star) + partition + pattern.substring(star + 1));
    }

    private static void requireColumn(String c, List<String> names, String pattern, String option) {
        if (!names.contains(c)) {
            throw new DataSourceException(option + " names column '" + c + "', which " + pattern + " lacks; columns: " + names);
        }
    }

    /** Duplicate names get a suffix, as pandas does: {@code a, a} becomes {@code a, a.1}. */
    private static List<String> unique(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String u = n;
            for (int k = 1; !seen.add(u); k++) {
                u = n + "." + k;
            }
            out.add(u);
        }
        return out;
    }

    /** @return whether separator, quote and line breaks are single bytes of their own in the encoding */
    private static boolean byteSyntax(CsvOptions o) {
        Charset cs = o.encoding();
        for (char c : new char[] {o.separator(), o.quote(), '\n', '\r'}) {
            byte[] b = String.valueOf(c).getBytes(cs);
            if (c >= 0x80 || b.length != 1 || b[0] != c) {
                return false;
            }
        }
        // every multi-byte sequence must avoid ASCII bytes (true for UTF-8 and single-byte ASCII supersets)
        return cs.name().equals("UTF-8") || cs.name().equals("US-ASCII") || cs.name().startsWith("ISO-8859")
                || cs.name().startsWith("windows-125");
    }
}
