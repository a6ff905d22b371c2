package io.jdask.dataframe;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Synthetic daily closing prices for the correlation use case: a table
 * {@code history(date DATE, stock VARCHAR, close DOUBLE)} of business days (Monday to Friday,
 * ending 2024-12-31) for a number of stocks.
 *
 * <p>Prices are random walks of log returns driven by a market factor, one of 20 sector factors
 * and noise, so stocks of a sector correlate. About 40% of the stocks trade from the first day;
 * the others are listed on a random later day (many series start late), about 3% are delisted
 * early, and about 0.1% of trading days are missing (halts). Everything is determined by the seed
 * (each stock draws from its own random stream), and rows come ordered by date, then stock.
 */
public final class StockHistory {
    /** Stocks in the default data set. */
    public static final int DEFAULT_STOCKS = 2_000;
    /** Years of history in the default data set. */
    public static final int DEFAULT_YEARS = 20;
    /** The default table name. */
    public static final String TABLE = "history";
    /** The last business day of every generated history. */
    public static final LocalDate LAST_DAY = LocalDate.of(2024, 12, 31);

    static final int SECTORS = 20;
    private static final int MAX_STOCKS = 26 * 26 * 26 * 26;

    private StockHistory() {}

    /** Writes the history into table {@code history}; fails when it exists. */
    public static long generate(String jdbcUrl, int stocks, int years, long seed) {
        return generate(jdbcUrl, TABLE, stocks, years, seed, IfExists.FAIL, SqlOptions.defaults());
    }

    /**
     * Generates the history and writes it (DuckDB through its appender, other databases in batched
     * inserts), in chunks of about a million rows.
     *
     * @param stocks number of stocks, 1 to 456,976
     * @param years years of business days ending {@link #LAST_DAY}
     * @return the number of rows written
     */
    public static long generate(String jdbcUrl, String table, int stocks, int years, long seed, IfExists ifExists,
            SqlOptions options) {
        Iterator<Frame> chunks = frames(stocks, years, seed, 1 << 20);
        Sql.prepareTable(jdbcUrl, table, meta(), ifExists, options);
        long rows = 0;
        int part = 0;
        while (chunks.hasNext()) {
            Frame f = chunks.next();
            rows += Sql.write(f, jdbcUrl, table, Math.max(1, f.numRows()), part++, options);
        }
        return rows;
    }

    /** @return the business days (Monday to Friday) of {@code years} years ending {@link #LAST_DAY} */
    public static List<LocalDate> businessDays(int years) {
        if (years < 1) {
            throw new IllegalArgumentException("years must be positive, got " + years);
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = LAST_DAY.minusYears(years).plusDays(1); !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(d);
            }
        }
        return days;
    }

    /** @return the ticker of stock {@code i}: four distinct-per-stock capital letters */
    public static String ticker(int i) {
        long code = (i * 7919L + 12_345L) % MAX_STOCKS;
        char[] c = new char[4];
        for (int k = 3; k >= 0; k--) {
            c[k] = (char) ('A' + code % 26);
            code /= 26;
        }
        return new String(c);
    }

    /** An empty frame shaped like the table. */
    static Frame meta() {
        return Frame.builder().column("date", ResultSetFrames.emptyColumn(DType.DATE))
                .column("stock", ResultSetFrames.emptyColumn(DType.STRING))
                .column("close", ResultSetFrames.emptyColumn(DType.F64)).build();
    }

    /** The history as frames of at most {@code chunkRows} rows, in date order, generated as they are taken. */
    static Iterator<Frame> frames(int stocks, int years, long seed, int chunkRows) {
        if (stocks < 1 || stocks > MAX_STOCKS) {
            throw new IllegalArgumentException("stocks must be between 1 and " + MAX_STOCKS + ", got " + stocks);
        }
        return new Walk(stocks, businessDays(years), seed, chunkRows);
    }

    /** The random walks, advanced one business day at a time. */
    private static final class Walk implements Iterator<Frame> {
        private final List<LocalDate> days;
        private final int chunkRows;
        private final String[] tickers;
        private final SplittableRandom factors;
        private final SplittableRandom[] rng;
        private final int[] listed;
        private final int[] delisted;
        private final int[] sector;
        private final double[] betaMarket;
        private final double[] betaSector;
        private final double[] sigma;
        private final double[] logPrice;
        private final double[] sectorMove = new double[SECTORS];
        private int day;
        private int stock;
        private double market;

        Walk(int stocks, List<LocalDate> days, long seed, int chunkRows) {
            this.days = days;
            this.chunkRows = chunkRows;
            int n = days.size();
            tickers = new String[stocks];
            factors = new SplittableRandom(seed);
            rng = new SplittableRandom[stocks];
            listed = new int[stocks];
            delisted = new int[stocks];
            sector = new int[stocks];
            betaMarket = new double[stocks];
            betaSector = new double[stocks];
            sigma = new double[stocks];
            logPrice = new double[stocks];
            SplittableRandom streams = new SplittableRandom(seed ^ 0x5DEECE66DL);
            for (int i = 0; i < stocks; i++) {
                tickers[i] = ticker(i);
                SplittableRandom r = streams.split();
                rng[i] = r;
                listed[i] = r.nextDouble() < 0.4 ? 0 : r.nextInt(Math.max(1, (int) (n * 0.95)));
                delisted[i] = n;
                if (r.nextDouble() < 0.03 && n - listed[i] > 260) {
                    delisted[i] = listed[i] + 250 + r.nextInt(n - listed[i] - 250);
                }
                sector[i] = r.nextInt(SECTORS);
                betaMarket[i] = 0.5 + r.nextDouble();
                betaSector[i] = 0.3 + 0.9 * r.nextDouble();
                sigma[i] = 0.008 + 0.017 * r.nextDouble();
                logPrice[i] = 3.5 + 0.8 * r.nextGaussian();
            }
            stock = 0;
            day = 0;
            drawFactors();
        }

        private void drawFactors() {
            market = 0.0003 + 0.01 * factors.nextGaussian();
            for (int k = 0; k < SECTORS; k++) {
                sectorMove[k] = 0.008 * factors.nextGaussian();
            }
        }

        @Override
        public boolean hasNext() {
            return day < days.size();
        }

        @Override
        public Frame next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int[] date = new int[chunkRows];
            int[] code = new int[chunkRows];
            double[] close = new double[chunkRows];
            int rows = 0;
            while (rows < chunkRows && day < days.size()) {
                int i = stock;
                if (day >= listed[i] && day < delisted[i]) {
                    SplittableRandom r = rng[i];
                    if (day > listed[i]) {
                        logPrice[i] += betaMarket[i] * market + betaSector[i] * sectorMove[sector[i]]
                                + sigma[i] * r.nextGaussian();
                    }
                    boolean halted = r.nextDouble() < 0.001;
                    if (!halted) {
                        date[rows] = (int) days.get(day).toEpochDay();
                        code[rows] = i;
                        close[rows] = Math.max(0.01, Math.round(Math.exp(logPrice[i]) * 100) / 100.0);
                        rows++;
                    }
                }
                if (++stock == tickers.length) {
                    stock = 0;
                    day++;
                    if (day < days.size()) {
                        drawFactors();
                    }
                }
            }
            return Frame.builder()
                    .column("date", new Column(DType.DATE, rows, Arrays.copyOf(date, rows), null, null))
                    .column("stock", new Column(DType.STRING, rows, Arrays.copyOf(code, rows), null, tickers))
                    .column("close", new Column(DType.F64, rows, Arrays.copyOf(close, rows), null, null))
                    .build();
        }
    }
}
