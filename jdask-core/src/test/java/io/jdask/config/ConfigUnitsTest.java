package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes and durations as people write them. */
class ConfigUnitsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
        "4GiB = 4294967296",
        "512MB = 512000000",
        "128 MiB = 134217728",
        "1000 = 1000",
        "0 = 0",
        "12B = 12",
        "1.5kB = 1500",
        "1.5 KiB = 1536",
        "2k = 2000",
        "2ki = 2048",
        "3 gb = 3000000000",
        "1TiB = 1099511627776",
        "1PB = 1000000000000000",
        "1e3 = 1000",
        "0.5B = 0",
        "  24GiB  = 25769803776",
    })
    void parsesSizes(String text, long bytes) {
        assertThat(Units.parseBytes(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "4 XB", "-1MB", "four", "1.2.3", "99999PiB"})
    void rejectsBadSizes(String text) {
        assertThatThrownBy(() -> Units.parseBytes(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '=', value = {
        "500ms = 500000000",
        "2s = 2000000000",
        "1m = 60000000000",
        "1.5h = 5400000000000",
        "3 = 3000000000",
        "0.25 = 250000000",
        "10us = 10000",
        "10µs = 10000",
        "7ns = 7",
        "1d = 86400000000000",
        "1w = 604800000000000",
        "2 minutes = 120000000000",
        "1 second = 1000000000",
        "PT1M30S = 90000000000",
        "5 MS = 5000000",
    })
    void parsesDurations(String text, long nanos) {
        assertThat(Units.parseDuration(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ms", "5 fortnights", "-2s", "two seconds", "P-1D"})
    void rejectsBadDurations(String text) {
        assertThatThrownBy(() -> Units.parseDuration(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsByteCountsInBinaryUnitsThatParseBack() {
        assertThat(Units.formatBytes(0)).isEqualTo("0 B");
        assertThat(Units.formatBytes(1023)).isEqualTo("1023 B");
        assertThat(Units.formatBytes(1536L * 1024)).isEqualTo("1.5 MiB");
        assertThat(Units.formatBytes(4L << 30)).isEqualTo("4 GiB");
        assertThat(Units.parseBytes(Units.formatBytes(4L << 30))).isEqualTo(4L << 30);
    }

    @Test
    void configGettersParseUnitsAndNumbers() {
        ConfigView c = Config.load(Map.of(), List.of()).with(Map.of(
                "mem.text", "4GiB",
                "mem.number", 1024,
                "mem.bad", "lots",
                "time.text", "500ms",
                "time.seconds", 2,
                "time.fraction", 0.5,
                "time.object", Duration.ofMinutes(3)));
        assertThat(c.getBytes("mem.text")).isEqualTo(4L << 30);
        assertThat(c.getBytes("mem.number")).isEqualTo(1024);
        assertThatThrownBy(() -> c.getBytes("mem.bad")).hasMessageContaining("mem.bad").hasMessageContaining("lots");
        assertThat(c.getDuration("time.text")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.getDuration("time.seconds")).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.getDuration("time.fraction")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.getDuration("time.object")).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.getDuration("progress.min-seconds")).isEqualTo(Duration.ofSeconds(1));
    }
}
