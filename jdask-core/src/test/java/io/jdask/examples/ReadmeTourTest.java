package io.jdask.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keeps the README's API tour equal to the compiled snippets of {@link TourTest}. */
class ReadmeTourTest {
    static Map<String, String> snippets(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("// tour:")) {
                name = t.substring("// tour:".length());
                body = new ArrayList<>();
            } else if (t.equals("// end") && name != null) {
                out.put(name, dedent(body));
                name = null;
            } else if (name != null) {
                body.add(line);
            }
        }
        return out;
    }

    static String dedent(List<String> body) {
        int indent = Integer.MAX_VALUE;
        for (String l : body) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : body) {
            sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void everyTourSnippetAppearsInTheReadme() throws Exception {
        Path source = Path.of("src/test/java/io/jdask/examples/TourTest.java");
        Map<String, String> tour = snippets(Files.readAllLines(source));
        assertThat(tour).containsKeys("delayed", "tree", "pure", "schedulers");
        String readme = Files.readString(Path.of("../README.md")).replace("\r\n", "\n");
        for (Map.Entry<String, String> e : tour.entrySet()) {
            assertThat(readme)
                    .as("README.md must contain the tour snippet '%s' from TourTest.java, verbatim", e.getKey())
                    .contains(e.getValue());
        }
    }
}
