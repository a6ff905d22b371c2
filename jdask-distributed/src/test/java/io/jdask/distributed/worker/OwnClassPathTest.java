package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.worker.code.AppCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnClassPathTest {
    @TempDir
    Path tmp;

    @Test
    void aShippedJarIsPresentOnlyWithTheSameNameSizeAndBytes() throws Exception {
        Path classes = AppCompiler.compile(AppCompiler.greeterSources("v1"), tmp.resolve("app"));
        Files.createDirectories(tmp.resolve("lib"));
        Path jar = AppCompiler.jar(classes, tmp.resolve("lib").resolve("acme.jar"));
        CodeArtifact shipped = ClassPathManifest.of(List.of(jar)).artifacts().get(0);

        assertThat(new OwnClassPath(List.of(jar)).has(shipped)).isTrue();
        assertThat(new OwnClassPath(List.of()).has(shipped)).isFalse();

        Path renamed = Files.copy(jar, tmp.resolve("lib").resolve("other.jar"));
        assertThat(new OwnClassPath(List.of(renamed)).has(shipped)).as("another file name").isFalse();

        Path sameNameOtherBytes = tmp.resolve("elsewhere").resolve("acme.jar");
        Files.createDirectories(sameNameOtherBytes.getParent());
        byte[] bytes = Files.readAllBytes(jar);
        bytes[bytes.length / 2] ^= 1;
        Files.write(sameNameOtherBytes, bytes);
        assertThat(new OwnClassPath(List.of(sameNameOtherBytes)).has(shipped)).as("same name and size, other bytes").isFalse();
        assertThat(new OwnClassPath(List.of(classes)).has(shipped)).as("directories are never present").isFalse();
    }
}
