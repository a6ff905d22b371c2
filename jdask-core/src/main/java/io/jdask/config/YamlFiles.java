package io.jdask.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Reads YAML configuration documents, with errors that name the file and line. */
final class YamlFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private YamlFiles() {}

    /**
     * @param file a YAML file
     * @return its top-level mapping (empty for an empty file)
     * @throws ConfigException when it cannot be read, is malformed, or is not a mapping
     */
    static Map<?, ?> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, "file " + file);
        } catch (IOException e) {
            if (e instanceof JsonProcessingException) {
                throw malformed("file " + file, (JsonProcessingException) e);
            }
            throw new ConfigException("cannot read configuration file " + file + ": " + e, e);
        }
    }

    /**
     * @param resource a YAML resource
     * @param name how messages name it
     * @return its top-level mapping (empty for an empty document)
     * @throws ConfigException when it cannot be read, is malformed, or is not a mapping
     */
    static Map<?, ?> read(URL resource, String name) {
        try (InputStream in = resource.openStream()) {
            return parse(in, name);
        } catch (IOException e) {
            if (e instanceof JsonProcessingException) {
                throw malformed(name, (JsonProcessingException) e);
            }
            throw new ConfigException("cannot read configuration " + name + ": " + e, e);
        }
    }

    private static Map<?, ?> parse(InputStream in, String name) throws IOException {
        Object doc;
        try (JsonParser parser = MAPPER.createParser(in)) {
            doc = parser.nextToken() == null ? null : MAPPER.readValue(parser, Object.class);
        }
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException("configuration " + name
                    + " must hold a mapping of keys to values at its top level"
                    + " (line 1), but holds " + describe(doc));
        }
        return map;
    }

    /**
     * Parses one YAML value written on one line, as environment variables hold them.
     *
     * @param text the text
     * @return what YAML makes of it: a number, boolean, list, map, null or string
     * @throws IOException when it is not valid YAML
     */
    static Object parseValue(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    /**
     * @param dir a directory
     * @return its {@code *.yaml} and {@code *.yml} files, sorted by name
     * @throws ConfigException when the directory cannot be listed
     */
    static List<Path> yamlFilesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = new ArrayList<>();
            s.filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
                    })
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new ConfigException("cannot list configuration directory " + dir + ": " + e, e);
        }
    }

    private static ConfigException malformed(String name, JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc != null && loc.getLineNr() > 0
                ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                : "";
        String why = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage().strip();
        return new ConfigException("malformed YAML in " + name + where + ": " + why, e);
    }

    private static String describe(Object doc) {
        return doc instanceof List ? "a list" : "the value '" + doc + "'";
    }
}
