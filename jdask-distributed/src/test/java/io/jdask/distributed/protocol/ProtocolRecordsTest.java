package io.jdask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtocolRecordsTest {

    static Handshake hs(int protocol, String jdask, String java, String role) {
        return new Handshake(protocol, jdask, java, role, "hello");
    }

    @Test
    void peersWithTheSameVersionsAreCompatible() {
        Handshake.Compatibility c = hs(1, "0.1.0", "21.0.4+7", "scheduler").checkCompatible(hs(1, "0.1.0", "21.0.2", "worker"));
        assertThat(c.compatible()).isTrue();
        assertThat(c.message()).isEqualTo("compatible: protocol 1, jdask 0.1.0, Java 21");
    }

    @Test
    void theRefusalNamesEveryVersionThatDiffers() {
        Handshake.Compatibility c = hs(1, "0.1.0", "21.0.4", "scheduler").checkCompatible(hs(2, "0.2.0", "25", "worker"));
        assertThat(c.compatible()).isFalse();
        assertThat(c.message()).isEqualTo("incompatible worker (this is a scheduler): protocol version 1 here, 2 on the worker; "
                + "jdask 0.1.0 here, 0.2.0 on the worker; Java 21.0.4 here, 25 on the worker");
    }

    @Test
    void onlyTheJavaVersionDiffering() {
        Handshake.Compatibility c = hs(1, "0.1.0", "17.0.9", "client").checkCompatible(hs(1, "0.1.0", "21.0.1", "scheduler"));
        assertThat(c.compatible()).isFalse();
        assertThat(c.message()).isEqualTo("incompatible scheduler (this is a client): Java 17.0.9 here, 21.0.1 on the scheduler");
    }

    @Test
    void theLocalHandshakeUsesThisProtocolAndRuntime() {
        Handshake h = Handshake.local("0.1.0", "worker", "s");
        assertThat(h.protocolVersion()).isEqualTo(Handshake.PROTOCOL_VERSION);
        assertThat(h.javaVersion()).isEqualTo(Runtime.version().toString());
        assertThat(h.checkCompatible(h).compatible()).isTrue();
    }

    @Test
    void payloadsWrapWithoutCopyingAndCompareByContent() {
        byte[] bytes = {1, 2, 3, 4};
        Payload p = Payload.wrap(bytes);
        assertThat(p).isEqualTo(Payload.wrap(new byte[] {1, 2, 3, 4})).hasSameHashCodeAs(Payload.wrap(new byte[] {1, 2, 3, 4}));
        assertThat(p.size()).isEqualTo(4);
        assertThat(p.buffer().isReadOnly()).isTrue();
        bytes[0] = 9; // the caller broke the contract: the payload sees it, which shows nothing was copied
        assertThat(p.toByteArray()).containsExactly(9, 2, 3, 4);
        ByteBuffer big = ByteBuffer.wrap(new byte[] {0, 0, 7, 8, 0});
        big.position(2).limit(4);
        assertThat(Payload.wrap(big).toByteArray()).containsExactly(7, 8);
        assertThat(big.position()).isEqualTo(2);
        assertThat(Payload.wrap(new byte[20]).toString()).isEqualTo("Payload[20 bytes, 0000000000000000...]");
        assertThat(Payload.EMPTY.toString()).isEqualTo("Payload[0 bytes]");
    }

    @Test
    void arrayIsTheWrappedArrayItselfOrACopyOfASlice() {
        byte[] bytes = {1, 2, 3};
        assertThat(Payload.wrap(bytes).array()).isSameAs(bytes);
        ByteBuffer part = ByteBuffer.wrap(new byte[] {0, 5, 6, 0}).position(1).limit(3);
        byte[] copy = Payload.wrap(part).array();
        assertThat(copy).containsExactly(5, 6);
        assertThat(copy).isNotSameAs(part.array());
        assertThat(Payload.EMPTY.array()).isEmpty();
    }

    @Test
    void taskSpecsRejectSelfDependenciesAndNegativeRetries() {
        Key k = Key.of("x");
        assertThatThrownBy(() -> TaskSpec.of(k, Payload.EMPTY, List.of(k), 0)).hasMessage("task x depends on itself");
        assertThatThrownBy(() -> new TaskSpec(k, Payload.EMPTY, List.of(), 0, Restrictions.NONE, -1)).hasMessage("retries must be >= 0, got -1");
    }

    @Test
    void restrictionsNeedPositiveAmounts() {
        assertThatThrownBy(() -> Restrictions.toResources(Map.of("GPU", 0.0))).hasMessage("resource GPU needs a positive amount, got 0.0");
        assertThat(Restrictions.NONE.isNone()).isTrue();
        assertThat(new Restrictions(Set.of("a"), Map.of(), true).isNone()).isFalse();
    }

    @Test
    void prioritiesOrderBySubmissionThenStaticOrder() {
        assertThat(List.of(new Priority(1, 0), new Priority(0, 5), new Priority(0, 2)).stream().sorted().toList())
                .containsExactly(new Priority(0, 2), new Priority(0, 5), new Priority(1, 0));
    }
}
