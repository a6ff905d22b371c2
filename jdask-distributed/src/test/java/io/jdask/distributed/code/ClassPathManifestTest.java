package io.jdask.distributed.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathManifestTest {
    @TempDir
    Path tmp;

    private Path tree(String name, String content, long mtime) throws IOException {
        Path d = tmp.resolve(name);
        Files.createDirectories(d.resolve("com/acme/util"));
        Files.writeString(d.resolve("com/acme/A.class"), "class A " + content);
        Files.writeString(d.resolve("com/acme/util/B.class"), "class B");
        Files.writeString(d.resolve("app.properties"), "x=1");
        try (var walk = Files.walk(d)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(mtime));
            }
        }
        return d;
    }

    @Test
    void aDirectoryIsPackedDeterministicallyByContent() throws IOException {
        CodeArtifact a = ClassPathManifest.of(List.of(tree("one", "v1", 1_000_000L))).artifacts().get(0);
        CodeArtifact b = ClassPathManifest.of(List.of(tree("two", "v1", 1_700_000_000_000L))).artifacts().get(0);
        CodeArtifact c = ClassPathManifest.of(List.of(tree("three", "v2", 1_000_000L))).artifacts().get(0);
        assertThat(a.sha256()).isEqualTo(b.sha256());
        assertThat(a.size()).isEqualTo(b.size());
        assertThat(c.sha256()).isNotEqualTo(a.sha256());
        assertThat(a.name()).isEqualTo("one/");
    }

    @Test
    void servedBytesHaveTheirHashAndOnlyTheManifestsArtifactsAreServed() throws IOException {
        Path jar = tmp.resolve("lib.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new java.util.jar.JarEntry("com/acme/Lib.class"));
            j.write(new byte[] {1, 2, 3});
            j.closeEntry();
        }
        ClassPathManifest m = ClassPathManifest.of(List.of(tree("dir", "x", 0), jar, tmp.resolve("missing.jar"), jar));
        assertThat(m.artifacts()).extracting(CodeArtifact::name).containsExactly("dir/", "lib.jar");
        for (CodeArtifact a : m.artifacts()) {
            try (InputStream in = m.open(a.sha256())) {
                byte[] bytes = in.readAllBytes();
                assertThat(bytes).hasSize((int) a.size());
                assertThat(Hashing.of(bytes)).isEqualTo(a.sha256());
            }
        }
        assertThat(Hashing.of(jar)).isEqualTo(m.artifacts().get(1).sha256());
        assertThatThrownBy(() -> m.open("0".repeat(64))).isInstanceOf(NoSuchElementException.class).hasMessageContaining("lib.jar");

        ClassPathManifest less = m.without(List.of(m.artifacts().get(1).sha256()));
        assertThat(less.artifacts()).extracting(CodeArtifact::name).containsExactly("dir/");
        assertThat(less.id()).isNotEqualTo(m.id());
        assertThat(ClassPathManifest.of(List.of(tree("dir2", "x", 5)))).extracting(ClassPathManifest::id).isEqualTo(less.id());
    }

    @Test
    void jdasksOwnEntriesAndManifestOnlyJarsAreLeftOut() throws IOException {
        Path own = tmp.resolve("own");
        Files.createDirectories(own.resolve("io/jdask/core"));
        Files.writeString(own.resolve("io/jdask/core/X.class"), "x");
        Path manifestOnly = tmp.resolve("booter.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib.jar");
        try (OutputStream out = Files.newOutputStream(manifestOnly); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.flush();
        }
        assertThat(ClassPathManifest.of(List.of(own, manifestOnly)).artifacts()).isEmpty();
        assertThat(ClassPathManifest.classPath(manifestOnly.toString()))
                .containsExactly(manifestOnly.toAbsolutePath().normalize(), tmp.resolve("lib.jar").toAbsolutePath().normalize());
    }

    @Test
    void theApplicationManifestOfThisJvmShipsLibrariesButNotJdask() {
        ClassPathManifest m = ClassPathManifest.ofApplication();
        assertThat(m.artifacts()).extracting(CodeArtifact::name).anyMatch(n -> n.startsWith("fory-core"));
        assertThat(m.artifacts()).extracting(CodeArtifact::name).noneMatch(n -> n.startsWith("jdask-") || n.equals("classes/")
                || n.equals("test-classes/"));
    }

    @Test
    void artifactsCheckTheirHash() {
        assertThatThrownBy(() -> new CodeArtifact("ABC", 1, "x")).hasMessageContaining("ABC");
        assertThatThrownBy(() -> new CodeArtifact("a".repeat(64), -1, "x.jar")).hasMessageContaining("x.jar");
    }
}
