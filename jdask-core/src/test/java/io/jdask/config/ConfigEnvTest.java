package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JDASK_* variables: names to keys, values through YAML. */
class ConfigEnvTest {

    @ParameterizedTest
    @CsvSource({
        "JDASK_SCHEDULER__THREADS, scheduler.threads",
        "JDASK_PROGRESS__MIN_SECONDS, progress.min-seconds",
        "JDASK_OPTIMIZATION__FUSE__ACTIVE, optimization.fuse.active",
        "JDASK_FOO, foo",
        "JDASK_A_B_C__D, a-b-c.d",
    })
    void namesMapToKeys(String name, String key) {
        assertThat(EnvVariables.keyOf(name)).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"JDASK_CONFIG", "JDASK_", "PATH", "jdask_scheduler__threads", "DASK_SCHEDULER", "JDASK_A____B", "JDASK___A"})
    void otherVariablesAreNotKeys(String name) {
        assertThat(EnvVariables.keyOf(name)).isNull();
    }

    @Test
    void valuesAreParsedAsYamlScalars() {
        Map<String, String> env = Map.of(
                "JDASK_T__INT", "4",
                "JDASK_T__BIG", "99999999999",
                "JDASK_T__DOUBLE", "0.5",
                "JDASK_T__TRUE", "true",
                "JDASK_T__NO", "no",
                "JDASK_T__LIST", "[java., com.acme.]",
                "JDASK_T__TEXT", "threads",
                "JDASK_T__URL", "tcp://10.0.0.1:8786",
                "JDASK_T__NULL", "~",
                "JDASK_T__BAD_YAML", "@oops");
        ConfigView c = Config.load(env, List.of());
        assertThat(c.get("t.int")).isEqualTo(4);
        assertThat(c.get("t.big")).isEqualTo(99_999_999_999L);
        assertThat(c.get("t.double")).isEqualTo(0.5);
        assertThat(c.get("t.true")).isEqualTo(true);
        assertThat(c.get("t.no")).isEqualTo(false);
        assertThat(c.get("t.list")).isEqualTo(List.of("java.", "com.acme."));
        assertThat(c.get("t.text")).isEqualTo("threads");
        assertThat(c.get("t.url")).isEqualTo("tcp://10.0.0.1:8786");
        assertThat(c.contains("t.null")).isTrue();
        assertThat(c.get("t.null")).isNull();
        assertThat(c.get("t.bad-yaml")).isEqualTo("@oops");
        assertThat(c.get("t.bad_yaml")).isEqualTo("@oops");
    }

    @Test
    void environmentReplacesADefaultAndKeepsItsType() {
        ConfigView c = Config.load(Map.of(
                "JDASK_SCHEDULER__THREADS", "4",
                "JDASK_PROGRESS__MIN_SECONDS", "0.25",
                "JDASK_SERIALIZATION__ALLOWED_PACKAGES", "java.,com.acme."), List.of());
        assertThat(c.getInt("scheduler.threads")).isEqualTo(4);
        assertThat(c.getDouble("progress.min-seconds")).isEqualTo(0.25);
        assertThat(c.getList("serialization.allowed-packages")).containsExactly("java.", "com.acme.");
    }

    @Test
    void aMapValueIsMergedIntoTheSection() {
        ConfigView c = Config.load(Map.of("JDASK_OPTIMIZATION__FUSE", "{active: false}"), List.of());
        assertThat(c.getBoolean("optimization.fuse.active")).isFalse();
        assertThat(c.getBoolean("optimization.inline.active")).isTrue();
    }
}
