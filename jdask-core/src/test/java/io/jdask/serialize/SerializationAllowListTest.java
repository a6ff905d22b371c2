package io.jdask.serialize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.app.Order;
import com.example.app.Pricing;
import io.jdask.config.Config;
import io.jdask.graph.TaskFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The general fallbacks handle only allowed classes, and say how to allow one. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class SerializationAllowListTest {

    private static Serialization trusting(String fallback) {
        return Serialization.builder().fallback(fallback).allowPackages("com.example.").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void refusesToDeserializeAnApplicationClassAndSaysHowToAllowIt(String fallback) {
        byte[] bytes = trusting(fallback).toBytes(List.of(new Order("o-1", 3)));
        Serialization strict = Serialization.builder().fallback(fallback).build();
        assertThatThrownBy(() -> strict.fromBytes(bytes))
                .isInstanceOfSatisfying(ClassNotAllowedException.class,
                        e -> assertThat(e.className()).isEqualTo("com.example.app.Order"))
                .hasMessageContaining("class com.example.app.Order is not in the serialization allow-list [java., javax., io.jdask.]")
                .hasMessageContaining("serialization.allowed-packages")
                .hasMessageContaining("JDASK_SERIALIZATION__ALLOWED_PACKAGES=\"[java., javax., io.jdask., com.example.app.]\"")
                .hasMessageContaining("allowPackages(\"com.example.app.\")");
        assertThat(trusting(fallback).fromBytes(bytes)).isEqualTo(List.of(new Order("o-1", 3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void lambdasAreJudgedByTheClassThatDefinesThem(String fallback) throws Exception {
        byte[] bytes = trusting(fallback).toBytes(Pricing.times(1.5));
        assertThatThrownBy(() -> Serialization.builder().fallback(fallback).build().fromBytes(bytes))
                .isInstanceOfSatisfying(ClassNotAllowedException.class,
                        e -> assertThat(e.className()).isEqualTo("com.example.app.Pricing"))
                .hasMessageContaining("com.example.app.Pricing")
                .hasMessageContaining("a lambda counts as the class that defines it");
        TaskFunction back = (TaskFunction) trusting(fallback).fromBytes(bytes);
        assertThat(back.apply(new Object[] {4})).isEqualTo(6.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fory", "java"})
    void refusesToSerializeAClassOutsideTheListToo(String fallback) {
        assertThatThrownBy(() -> Serialization.builder().fallback(fallback).build().serialize(new Order("o", 1)))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("com.example.app.Order");
    }

    @Test
    void theListFollowsTheConfigurationUnlessGiven() {
        Serialization configured = Serialization.builder().build();
        byte[] bytes = trusting("fory").toBytes(new Order("o-2", 5));
        try (Config.Scope s = Config.set("serialization.allowed-packages", List.of("java.", "io.jdask.", "com.example.app."))) {
            assertThat(configured.fromBytes(bytes)).isEqualTo(new Order("o-2", 5));
        }
        Serialization given = Serialization.builder().allowedPackages(List.of("java.")).build();
        assertThatThrownBy(() -> given.fromBytes(bytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("[java.]")
                .hasMessageNotContaining("JDASK_SERIALIZATION__ALLOWED_PACKAGES");
    }

    @Test
    void jdaskOwnClassesNeedTheirPrefix() {
        byte[] bytes = Serialization.get().toBytes(Map.of("k", new io.jdask.graph.Literal(io.jdask.graph.Key.of("x"), 1)));
        Serialization javaOnly = Serialization.builder().allowedPackages(List.of("java.")).build();
        assertThatThrownBy(() -> javaOnly.fromBytes(bytes))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("io.jdask.graph.");
        Serialization everything = Serialization.builder().allowedPackages(List.of("*")).build();
        assertThat(everything.fromBytes(bytes)).isEqualTo(Map.of("k", new io.jdask.graph.Literal(io.jdask.graph.Key.of("x"), 1)));
    }

    @ParameterizedTest
    @CsvSource({
        "com.acme.Order, com.acme.Order",
        "[Lcom.acme.Order;, com.acme.Order",
        "[[Lcom.acme.Order;, com.acme.Order",
        "[I, ''",
        "com.acme.App$$Lambda/0x000000001c09d970, com.acme.App",
        "com.acme.App$$Lambda$14/0x0000000800c03000, com.acme.App",
        "com.acme.Outer$Inner, com.acme.Outer$Inner",
    })
    void judgesArraysByElementAndLambdasByDefiningClass(String name, String subject) {
        assertThat(AllowList.subject(name)).isEqualTo(subject);
    }

    @ParameterizedTest
    @CsvSource({
        "java., java.util.List, true",
        "java., javax.swing.X, false",
        "com.acme, com.acme.Order, true",
        "com.acme, com.acme, true",
        "com.acme, com.acmex.Order, false",
        "com.acme.Order, com.acme.Order$Line, true",
        "com.acme.Order$, com.acme.Order$Line, true",
        "*, anything.At.All, true",
        "'', com.acme.Order, false",
    })
    void prefixesMatchPackagesNotPartialNames(String prefix, String name, boolean allowed) {
        assertThat(AllowList.matches(prefix, name)).isEqualTo(allowed);
    }
}
