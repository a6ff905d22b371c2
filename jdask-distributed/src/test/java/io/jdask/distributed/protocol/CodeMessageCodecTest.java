package io.jdask.distributed.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.code.CodeEnvelope;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeMessageCodecTest {
    static final String SHA_A = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String SHA_B = "f".repeat(64);
    static final List<CodeArtifact> ARTIFACTS = List.of(new CodeArtifact(SHA_A, 1234, "app.jar"), new CodeArtifact(SHA_B, 0, "classes/"));

    /** One of every code-shipping message (also part of {@link MessageCodecTest#samples()}). */
    static List<Message> samples() {
        return List.of(
                new CodeMessage.RegisterCode("client-ab12", ARTIFACTS, List.of("java.", "com.acme."), "rc"),
                new CodeMessage.FetchCode("client-ab12", 7, "fc"),
                new CodeMessage.CodeManifest(7, "client-ab12", ARTIFACTS, List.of("com.acme."), "cm"),
                new CodeMessage.FetchArtifact("client-ab12", SHA_A, 8, "fa"),
                new CodeMessage.ArtifactRequest(SHA_A, 3, "aq"),
                new CodeMessage.ArtifactData(3, SHA_A, MessageCodecTest.bytes("PK jar bytes"), "ad"),
                new CodeMessage.ArtifactMissing(8, SHA_A, "client client-ab12 cannot send it: no such file", "am"),
                new CodeMessage.ReleaseCode("client-ab12", "rl"));
    }

    private static Message roundTrip(Message m) {
        MessageCodec.Encoded e = MessageCodec.encode(m);
        return MessageCodec.decode(e.header(), e.payloads().stream().map(Payload::wrap).toList());
    }

    @Test
    void everyCodeMessageSurvivesARoundTrip() {
        for (Message m : samples()) {
            assertThat(roundTrip(m)).as("%s", m).isEqualTo(m);
        }
    }

    @Test
    void codeMessagesUseTypeCodes90To99() {
        for (Message m : samples()) {
            int type = MessageCodec.encode(m).header().get(0) & 0xFF;
            assertThat(type).as("%s", m.getClass().getSimpleName()).isBetween(90, 99);
        }
    }

    @Test
    void artifactBytesTravelAsAPayloadFrameNotCopied() {
        byte[] jar = "a jar's bytes".getBytes(StandardCharsets.UTF_8);
        MessageCodec.Encoded e = MessageCodec.encode(new CodeMessage.ArtifactData(1, SHA_A, Payload.wrap(jar), "ad"));
        assertThat(e.payloads()).hasSize(1);
        jar[0] = 'A'; // the encoded frame reads the caller's array itself
        assertThat(e.payloads().get(0).get(0)).isEqualTo((byte) 'A');
    }

    @Test
    void aBadHashInAManifestIsRefusedAsAProtocolError() {
        Message m = new CodeMessage.RegisterCode("c", ARTIFACTS, List.of(), "rc");
        byte[] header = MessageCodec.encode(m).toByteArray();
        // the first hash's first hex digit becomes 'X'
        String text = new String(header, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(SHA_A);
        header[at] = 'X';
        ByteBuffer b = ByteBuffer.wrap(header);
        int hlen = b.getInt(0);
        ByteBuffer h = ByteBuffer.wrap(header, 8, hlen).slice();
        assertThatThrownBy(() -> MessageCodec.decode(h, List.of()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("is not a SHA-256");
    }

    @Test
    void anUnknownTypeInTheCodeRangeIsRefused() {
        ByteBuffer h = ByteBuffer.wrap(new byte[] {99, 0, 0, 0, 0});
        assertThatThrownBy(() -> MessageCodec.decode(h, List.of()))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown message type 99");
    }

    @Test
    void theEnvelopeNamesTheClientAndKeepsTheBody() {
        byte[] body = {'J', 'D', 'S', 'K', 1, 2, 3};
        byte[] wrapped = CodeEnvelope.wrap("client-ünï", body);
        CodeEnvelope.Opened o = CodeEnvelope.open(ByteBuffer.wrap(wrapped)).orElseThrow();
        assertThat(o.clientId()).isEqualTo("client-ünï");
        byte[] back = new byte[o.body().remaining()];
        o.body().get(back);
        assertThat(back).isEqualTo(body);
        assertThat(CodeEnvelope.open(ByteBuffer.wrap(body))).as("core's format is no envelope").isEmpty();
        assertThat(CodeEnvelope.open(ByteBuffer.allocate(2))).isEmpty();
    }

    @Test
    void aCutOrFutureEnvelopeIsRefusedWithWhatIsWrong() {
        byte[] wrapped = CodeEnvelope.wrap("client-1", new byte[0]);
        assertThatThrownBy(() -> CodeEnvelope.open(ByteBuffer.wrap(wrapped, 0, 9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut short");
        byte[] future = wrapped.clone();
        future[4] = 9;
        assertThatThrownBy(() -> CodeEnvelope.open(ByteBuffer.wrap(future)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9 is not supported");
        assertThatThrownBy(() -> CodeEnvelope.wrap("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
