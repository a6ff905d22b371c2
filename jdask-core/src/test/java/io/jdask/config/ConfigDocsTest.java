package io.jdask.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/config.md documents every built-in key, and only those. */
class ConfigDocsTest {
    private static final Path DOC = Path.of("..", "docs", "config.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*`?([^|]*?)`?\\s*\\|\\s*(.+)\\|\\s*$");

    private static Map<String, String[]> documentedRows() throws IOException {
        String doc = Files.readString(DOC);
        String table = doc.substring(doc.indexOf("## All keys"));
        int next = table.indexOf("\n## ", 1);
        if (next >= 0) {
            table = table.substring(0, next); // later sections document the keys of other modules
        }
        Map<String, String[]> rows = new java.util.TreeMap<>();
        for (String line : table.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4)});
            }
        }
        return rows;
    }

    private static Set<String> defaultKeys() {
        Entries e = new Entries();
        e.putTree(YamlFiles.read(ConfigLoader.class.getClassLoader().getResource(ConfigLoader.DEFAULTS_RESOURCE), "defaults"),
                "defaults");
        return new TreeSet<>(e.toView().snapshot().keySet());
    }

    @Test
    void everyDefaultKeyIsDocumentedWithTypeDefaultAndMeaning() throws IOException {
        Map<String, String[]> rows = documentedRows();
        Set<String> keys = defaultKeys();
        assertThat(keys).isNotEmpty();
        assertThat(rows.keySet()).as("keys documented in %s", DOC.toAbsolutePath()).containsAll(keys);
        for (String key : keys) {
            String[] row = rows.get(key);
            assertThat(row[0]).as("type of %s", key).isNotBlank();
            assertThat(row[2].strip().length()).as("meaning of %s", key).isGreaterThan(20);
        }
    }

    @Test
    void documentedDefaultsMatchTheYaml() throws IOException {
        ConfigView defaults = Config.load(Map.of(), List.of());
        for (Map.Entry<String, String[]> row : documentedRows().entrySet()) {
            assertThat(defaultKeys()).as("documented key %s exists in the defaults", row.getKey()).contains(row.getKey());
            Object value = defaults.get(row.getKey());
            String shown = value instanceof List<?> l ? "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]"
                    : String.valueOf(value);
            assertThat(row.getValue()[1]).as("documented default of %s", row.getKey()).isEqualTo(shown);
        }
    }
}
