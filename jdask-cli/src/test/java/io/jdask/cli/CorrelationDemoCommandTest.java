package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job at a small size: it generates, correlates, writes, checks itself, and reuses its data. */
class CorrelationDemoCommandTest {
    @TempDir
    Path temp;

    @Test
    void correlatesEveryPairWritesThemAndChecksItself() {
        Path db = temp.resolve("s.duckdb");
        CliRun run = CliRun.of("demo", "correlation", "--stocks", "12", "--years", "1", "--partitions", "3", "--db", db.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("generated ")
                .containsPattern("(?m)^  [\\d,]+ prices of 12 stocks on \\d+ dates; \\d+ empty columns? dropped; [\\d,]+ pairs written to correlations$")
                .contains("read history (3 partitions)", "pivot to one column per stock", "pairwise-complete Pearson correlation",
                        "upper triangle, stack, write correlations", "Strongest pairs:")
                .containsPattern("(?m)^Check: 20 random pairs recomputed by a plain loop differ by at most [0-9.e+-]+ \\(ok\\)$");

        String url = "jdbc:duckdb:" + db.toAbsolutePath();
        Frame pairs = DataFrame.readSqlTable(url, "correlations", "correlation", 1).compute();
        Frame history = DataFrame.readSqlTable(url, "history", "date", 2).compute();
        int stocks = history.column("stock").dictionary().size();
        assertThat(stocks).isEqualTo(12);
        assertThat(pairs.numRows()).isBetween(1, stocks * (stocks - 1) / 2);
        for (int i = 0; i < pairs.numRows(); i++) {
            assertThat(pairs.column("stock1").getString(i)).isLessThan(pairs.column("stock2").getString(i));
            assertThat(Math.abs(pairs.index().getDouble(i))).isLessThanOrEqualTo(1.0 + 1e-12);
        }

        CliRun again = CliRun.of("demo", "correlation", "--stocks", "12", "--years", "1", "--dtype", "f32", "--db", db.toString());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("using the history generated earlier", "cast to f32").doesNotContain("MISMATCH");

        CliRun none = CliRun.of("demo", "correlation", "--stocks", "12", "--years", "1", "--min-periods", "100000", "--db", db.toString());
        assertThat(none.exitCode()).as(none.out() + none.err()).isZero();
        assertThat(none.out()).contains(" 0 pairs written to correlations").doesNotContain("Strongest pairs:");
    }

    @Test
    void badOptionsAreRefusedWithTheirName() {
        CliRun run = CliRun.of("demo", "correlation", "--dtype", "f8", "--db", temp.resolve("x.duckdb").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dtype must be f64, f32 or f16, not f8");
    }
}
