package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed reading, key spelling, unknown keys and sections. */
class ConfigGettersTest {
    private final ConfigView c = Config.load(Map.of("JDASK_SCHEDULER__THREADS", "many"), List.of()).with(Map.of(
            "t.int-text", " 42 ",
            "t.whole-double", 8.0,
            "t.fraction", 8.5,
            "t.long", 5_000_000_000L,
            "t.yes", "YES",
            "t.off", "off",
            "t.one", 1,
            "t.maybe", "maybe",
            "t.list-text", "a., b.,,c.",
            "t.scalar", 7));

    @Test
    void keysAreCaseInsensitiveAndUnderscoreIsDash() {
        assertThat(c.get("PROGRESS.MIN_SECONDS")).isEqualTo(1.0);
        assertThat(c.get("progress.min_seconds")).isEqualTo(1.0);
        assertThat(c.getBoolean("Optimization.Fuse.Active")).isTrue();
    }

    @Test
    void numbersAreConvertedWhenExact() {
        assertThat(c.getInt("t.int-text")).isEqualTo(42);
        assertThat(c.getLong("t.int-text")).isEqualTo(42L);
        assertThat(c.getInt("t.whole-double")).isEqualTo(8);
        assertThat(c.getDouble("t.int-text")).isEqualTo(42.0);
        assertThat(c.getLong("t.long")).isEqualTo(5_000_000_000L);
        assertThatThrownBy(() -> c.getInt("t.long")).hasMessageContaining("int range");
        assertThatThrownBy(() -> c.getInt("t.fraction")).hasMessageContaining("t.fraction").hasMessageContaining("8.5");
    }

    @Test
    void booleansAcceptTheUsualWordsAndNothingElse() {
        assertThat(c.getBoolean("t.yes")).isTrue();
        assertThat(c.getBoolean("t.off")).isFalse();
        assertThat(c.getBoolean("t.one")).isTrue();
        assertThatThrownBy(() -> c.getBoolean("t.maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t.maybe")
                .hasMessageContaining("'maybe'");
    }

    @Test
    void wrongTypesNameTheKeyAndWhereTheValueCameFrom() {
        assertThatThrownBy(() -> c.getInt("scheduler.threads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheduler.threads")
                .hasMessageContaining("'many'")
                .hasMessageContaining("environment variable JDASK_SCHEDULER__THREADS");
    }

    @Test
    void listsComeFromYamlListsCommaTextOrScalars() {
        assertThat(c.getList("serialization.allowed-packages")).containsExactly("java.", "javax.", "io.jdask.");
        assertThat(c.getList("t.list-text")).containsExactly("a.", "b.", "c.");
        assertThat(c.getList("t.scalar")).containsExactly("7");
        assertThatThrownBy(() -> c.getList("serialization.allowed-packages").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownKeysSuggestTheClosestKnownKey() {
        assertThatThrownBy(() -> c.get("schedular.threads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown configuration key 'schedular.threads'")
                .hasMessageContaining("did you mean 'scheduler.threads'?");
        assertThatThrownBy(() -> c.getBoolean("progress.enable"))
                .hasMessageContaining("did you mean 'progress.enabled'?");
        assertThatThrownBy(() -> Config.get("optimisation.fuse.active"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("did you mean 'optimization.fuse.active'?");
        assertThat(c.contains("schedular.threads")).isFalse();
    }

    @Test
    void aSectionReadsAsANestedMapButNotAsAValue() {
        assertThat(c.get("optimization")).isEqualTo(Map.of(
                "fuse", Map.of("active", true),
                "inline", Map.of("active", true)));
        assertThat(c.contains("optimization.fuse")).isTrue();
        assertThatThrownBy(() -> c.getString("optimization"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a section")
                .hasMessageContaining("optimization.fuse.active");
    }

    @Test
    void snapshotIsFlatSortedAndUnmodifiable() {
        Map<String, Object> s = c.snapshot();
        assertThat(s).containsEntry("scheduler.default", "threads").containsEntry("optimization.fuse.active", true);
        assertThat(new ArrayList<>(s.keySet())).isSorted();
        assertThatThrownBy(() -> s.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badKeysAreRejected() {
        assertThatThrownBy(() -> c.get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.get("a..b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty segment");
        assertThatThrownBy(() -> Config.set(".x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
