package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Compares computed columns and values with pandas' JSON results. */
final class PandasCheck {
    /** The pandas preamble: reads the test frame and defines L(series) -> list with None for missing. */
    static final String READ = """
            df = pd.read_csv('f.csv', index_col='row', parse_dates=['t'])
            def L(s):
                return [None if pd.isna(v) else (v.value if isinstance(v, pd.Timestamp) else v) for v in s.tolist()]
            """;

    private PandasCheck() {}

    static void column(String what, Column c, JsonNode expected) {
        assertThat(c.length()).as(what + " length").isEqualTo(expected.size());
        for (int i = 0; i < c.length(); i++) {
            JsonNode e = expected.get(i);
            String at = what + " row " + i;
            if (e.isNull()) {
                assertThat(c.isNull(i)).as(at + " should be missing, is " + c.get(i)).isTrue();
                continue;
            }
            assertThat(c.isNull(i)).as(at + " should be " + e).isFalse();
            value(at, c.get(i), e);
        }
    }

    static void value(String what, Object v, JsonNode e) {
        if (e == null || e.isNull()) {
            assertThat(v == null || (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN())).as(what + ": " + v).isTrue();
        } else if (e.isBoolean()) {
            assertThat(v).as(what).isEqualTo(e.booleanValue());
        } else if (e.isTextual() && !(v instanceof Number)) {
            String t = e.textValue();
            if (t.equals("NaN")) {
                assertThat(((Number) v).doubleValue()).as(what).isNaN();
            } else {
                assertThat(String.valueOf(v)).as(what).isEqualTo(t);
            }
        } else {
            double x = v instanceof Instant t ? t.getEpochSecond() * 1e9 + t.getNano() : ((Number) v).doubleValue();
            double y = e.isTextual() ? Double.parseDouble(e.textValue().replace("Infinity", "Infinity")) : e.doubleValue();
            if (Double.isNaN(y)) {
                assertThat(x).as(what).isNaN();
            } else if (Double.isInfinite(y)) {
                assertThat(x).as(what).isEqualTo(y);
            } else {
                assertThat(x).as(what).isCloseTo(y, within(1e-9 * Math.max(1, Math.abs(y))));
            }
        }
    }
}
