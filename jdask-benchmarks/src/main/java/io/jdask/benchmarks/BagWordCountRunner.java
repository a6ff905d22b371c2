package io.jdask.benchmarks;

import io.jdask.Jdask;
import io.jdask.bag.Bag;
import io.jdask.bag.Text;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The side-by-side runner for {@code shared/bench/anchors/bench_e_bag.py}: the same word count
 * on the same files (generate them by running the anchor, or its {@code generate} function, with
 * {@code --dir DIR}), the same pipeline
 *
 * <pre>{@code
 * Bag.readText(dir + "/*.txt").map(Text::words).flatten().frequencies().topK(10, Map.Entry::getValue)
 * }</pre>
 *
 * timed the same way (median of repeated runs after a warm-up), printing {@code RESULT | workload
 * | size | tool | seconds | throughput | notes} lines like the anchor. A single-threaded plain
 * Java loop (read, split, HashMap) is the reference the top 10 is checked against.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.BagWordCountRunner DIR [repeats]
 * </pre>
 */
public final class BagWordCountRunner {
    private BagWordCountRunner() {}

    /**
     * @param args the directory of {@code *.txt} files, and optionally the number of timed repeats
     *     (default 5)
     * @throws IOException if the files cannot be listed
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/words");
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        double mb = bytes / 1e6;
        String size = String.format(Locale.ROOT, "%.0f MB, %d files", mb, files.size());

        List<Map.Entry<String, Long>> reference = plainJava(files);
        double[] ref = Timing.median(repeats, () -> check(reference, plainJava(files)));
        report(size, "plain Java, 1 thread (read, split loop, HashMap)", ref, mb, "median of " + repeats);
        for (String name : List.of("threads", "sync")) {
            Scheduler s = Schedulers.byName(name);
            double[] t = Timing.median(repeats, () -> check(reference, Jdask.with(s).compute(wordCount(dir)).get(0)));
            report(size, "jdask Bag, local " + name + " scheduler", t, mb,
                    "median of " + repeats + "; top10 == plain Java's; " + Runtime.getRuntime().availableProcessors() + " cores");
        }
    }

    /** The pipeline of the anchor. */
    static Bag<Map.Entry<String, Long>> wordCount(Path dir) {
        return Bag.readText(dir + "/*.txt").map(Text::words).<String>flatten()
                .frequencies().topK(10, Map.Entry::getValue);
    }

    static List<Map.Entry<String, Long>> plainJava(List<Path> files) {
        Map<String, Long> counts = new HashMap<>();
        try {
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) {
                    for (String w : Text.words(line)) {
                        counts.merge(w, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.entrySet());
        all.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return List.copyOf(all.subList(0, Math.min(10, all.size())));
    }

    private static Object check(List<Map.Entry<String, Long>> expected, Object actual) {
        List<?> got = (List<?>) actual;
        List<Long> wantCounts = expected.stream().map(Map.Entry::getValue).toList();
        List<Object> gotCounts = got.stream().map(e -> (Object) ((Map.Entry<?, ?>) e).getValue()).toList();
        if (!wantCounts.equals(gotCounts)) {
            throw new AssertionError("top 10 differs: " + got + ", expected " + expected);
        }
        return actual;
    }

    private static void report(String size, String tool, double[] seconds, double mb, String notes) {
        String load = Timing.load();
        System.out.printf(Locale.ROOT, "RESULT | e bag wordcount | %s | %s | %.4f | %.1f MB/s | %s; CPU %.2f s; load %s%n",
                size, tool, seconds[0], mb / seconds[0], notes, seconds[1], load);
    }
}
