package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BindAddressTest {
    @Test
    void theFormsTheCommandLineAccepts() {
        assertThat(BindAddress.parse(":8787")).isEqualTo(new BindAddress("", 8787));
        assertThat(BindAddress.parse("8787")).isEqualTo(new BindAddress("", 8787));
        assertThat(BindAddress.parse("127.0.0.1:0")).isEqualTo(new BindAddress("127.0.0.1", 0));
        assertThat(BindAddress.parse("0.0.0.0:9000")).isEqualTo(new BindAddress("", 9000));
        assertThat(BindAddress.parse("http://localhost:8787")).isEqualTo(new BindAddress("localhost", 8787));
        assertThat(BindAddress.parse("[::1]:8787")).isEqualTo(new BindAddress("::1", 8787));
    }

    @Test
    void aBadAddressIsNamed() {
        assertThatThrownBy(() -> BindAddress.parse("localhost:http")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'localhost:http'");
        assertThatThrownBy(() -> BindAddress.parse(":70000")).hasMessageContaining("':70000'");
    }
}
