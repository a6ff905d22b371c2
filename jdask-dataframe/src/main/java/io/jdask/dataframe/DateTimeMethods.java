package io.jdask.dataframe;

import io.jdask.dataframe.SeriesOps.DtKind;
import java.time.Duration;

/**
 * Date-time fields of a TIMESTAMP (UTC) or DATE {@link Series}, like pandas' {@code .dt}. Fields
 * are I64 Series; missing values stay missing.
 */
public final class DateTimeMethods {
    private final Series series;

    DateTimeMethods(Series series) {
        this.series = series;
    }

    private Series op(DtKind k, long nanos) {
        return series.apply("dt-" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), new SeriesOps.Dt(k, nanos));
    }

    /** @return the year */
    public Series year() {
        return op(DtKind.YEAR, 0);
    }

    /** @return the month, 1 to 12 */
    public Series month() {
        return op(DtKind.MONTH, 0);
    }

    /** @return the day of the month, 1 to 31 */
    public Series day() {
        return op(DtKind.DAY, 0);
    }

    /** @return the day of the week, Monday 0 to Sunday 6 (as pandas) */
    public Series dayOfWeek() {
        return op(DtKind.DAY_OF_WEEK, 0);
    }

    /** @return the hour, 0 to 23 (0 for dates) */
    public Series hour() {
        return op(DtKind.HOUR, 0);
    }

    /**
     * @param unit a positive duration, such as {@code Duration.ofHours(1)}
     * @return each timestamp rounded down to a multiple of {@code unit} since the epoch
     */
    public Series floor(Duration unit) {
        long nanos = unit.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("the floor unit must be positive, got " + unit);
        }
        return op(DtKind.FLOOR, nanos);
    }
}
