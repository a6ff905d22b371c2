package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockHistoryTest {
    @TempDir
    Path dir;

    static Frame all(int stocks, int years, long seed, int chunk) {
        List<Frame> fs = new ArrayList<>();
        for (Iterator<Frame> it = StockHistory.frames(stocks, years, seed, chunk); it.hasNext(); ) {
            fs.add(it.next());
        }
        return Frame.concat(fs);
    }

    @Test
    void businessDaysAndTickers() {
        List<LocalDate> days = StockHistory.businessDays(20);
        assertThat(days).allSatisfy(d -> assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertThat(days.get(days.size() - 1)).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(days.get(0)).isEqualTo(LocalDate.of(2005, 1, 3)); // 2005-01-01 was a Saturday
        long weekdays = 0;
        for (LocalDate d = LocalDate.of(2005, 1, 1); !d.isAfter(LocalDate.of(2024, 12, 31)); d = d.plusDays(1)) {
            weekdays += d.getDayOfWeek().getValue() <= 5 ? 1 : 0;
        }
        assertThat(days).hasSize((int) weekdays);
        Set<String> tickers = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            assertThat(StockHistory.ticker(i)).matches("[A-Z]{4}");
            tickers.add(StockHistory.ticker(i));
        }
        assertThat(tickers).hasSize(20_000);
    }

    @Test
    void seriesStartLateEndEarlyAndWalkPlausibly() {
        int stocks = 300;
        Frame f = all(stocks, 10, 99, 50_000);
        List<LocalDate> days = StockHistory.businessDays(10);
        Map<String, int[]> firstLastCount = new HashMap<>();
        Map<String, Double> previous = new HashMap<>();
        int prevDate = Integer.MIN_VALUE;
        double maxAbsReturn = 0;
        for (int i = 0; i < f.numRows(); i++) {
            int d = f.column("date").getInt(i);
            assertThat(d).isGreaterThanOrEqualTo(prevDate); // ordered by date
            prevDate = d;
            String s = f.column("stock").getString(i);
            double c = f.column("close").getDouble(i);
            assertThat(c).isPositive();
            int[] flc = firstLastCount.computeIfAbsent(s, k -> new int[] {d, d, 0});
            flc[1] = d;
            flc[2]++;
            Double p = previous.put(s, c);
            if (p != null && p > 1 && c > 1) {
                maxAbsReturn = Math.max(maxAbsReturn, Math.abs(Math.log(c / p)));
            }
        }
        assertThat(firstLastCount).hasSize(stocks);
        int first = (int) days.get(0).toEpochDay();
        int last = (int) days.get(days.size() - 1).toEpochDay();
        long fromStart = firstLastCount.values().stream().filter(v -> v[0] == first).count();
        long late = firstLastCount.values().stream().filter(v -> v[0] > first + 365).count();
        long delisted = firstLastCount.values().stream().filter(v -> v[1] < last - 30).count();
        assertThat(fromStart).isBetween(80L, 160L); // ~40% (a halt on the first day can hide a few)
        assertThat(late).isGreaterThan(120L);
        assertThat(delisted).isBetween(1L, 30L); // ~3%
        // halts: each stock misses about 0.1% of its trading days
        long possible = 0;
        for (int[] v : firstLastCount.values()) {
            possible += days.stream().filter(d -> d.toEpochDay() >= v[0] && d.toEpochDay() <= v[1]).count();
        }
        assertThat(possible - f.numRows()).isBetween(1L, possible / 300);
        assertThat(maxAbsReturn).isLessThan(0.5);
    }

    @Test
    void deterministicPerSeedAndIndependentOfChunking() {
        Frame a = all(50, 2, 7, 1000);
        Frame b = all(50, 2, 7, 333);
        Frame c = all(50, 2, 8, 1000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void generatesTheTableIntoDuckDb() {
        String url = "jdbc:duckdb:" + dir.resolve("h.db");
        long rows = StockHistory.generate(url, 40, 3, 5);
        Frame expected = all(40, 3, 5, 1 << 20);
        assertThat(rows).isEqualTo(expected.numRows());
        PartitionSource s = Sql.tableSource(url, StockHistory.TABLE, "date", 6);
        assertThat(s.meta().column("stock").dtype()).isEqualTo(DType.STRING);
        assertThat(s.meta().column("close").dtype()).isEqualTo(DType.F64);
        List<Frame> parts = new ArrayList<>();
        for (int p = 0; p < s.numPartitions(); p++) {
            parts.add(s.read(p));
        }
        Frame back = Frame.concat(parts);
        assertThat(back.numRows()).isEqualTo(expected.numRows());
        // same rows as generated, modulo the order of stocks within a date
        Map<String, Double> want = new HashMap<>();
        for (int i = 0; i < expected.numRows(); i++) {
            want.put(expected.column("date").getInt(i) + "/" + expected.column("stock").getString(i),
                    expected.column("close").getDouble(i));
        }
        for (int i = 0; i < back.numRows(); i++) {
            String key = back.index().getInt(i) + "/" + back.column("stock").getString(i);
            assertThat(back.column("close").getDouble(i)).as(key).isEqualTo(want.get(key));
        }
        assertThatThrownBy(() -> StockHistory.generate(url, 40, 3, 5))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("already exists");
    }
}
