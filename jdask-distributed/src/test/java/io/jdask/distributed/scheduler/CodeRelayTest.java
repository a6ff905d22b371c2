package io.jdask.distributed.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.comm.RecordingConnection;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler's relay of code shipping, with connections that record what is sent to them. */
class CodeRelayTest {
    static final String SHA = "a".repeat(64);
    static final CodeMessage.RegisterCode ALICE = new CodeMessage.RegisterCode("alice",
            List.of(new CodeArtifact(SHA, 10, "app.jar")), List.of("com.acme."), "rc");

    final RecordingConnection client = new RecordingConnection("test");
    final RecordingConnection worker = new RecordingConnection("test");
    final RecordingConnection otherWorker = new RecordingConnection("test");
    final CodeRelay relay = new CodeRelay(() -> List.of(worker, otherWorker));

    @Test
    void aWorkerGetsTheManifestAndTheBytesRelayedFromTheClient() {
        relay.received(client, true, false, ALICE);
        relay.received(worker, false, true, new CodeMessage.FetchCode("alice", 1, "fc"));
        assertThat(worker.sent).containsExactly(new CodeMessage.CodeManifest(1, "alice", ALICE.artifacts(), List.of("com.acme."), "fc"));

        relay.received(worker, false, true, new CodeMessage.FetchArtifact("alice", SHA, 2, "fa"));
        assertThat(client.sent).hasSize(1);
        CodeMessage.ArtifactRequest asked = (CodeMessage.ArtifactRequest) client.sent.get(0);
        assertThat(asked.sha256()).isEqualTo(SHA);
        Payload bytes = Payload.wrap(new byte[] {1, 2, 3});
        relay.received(client, true, false, new CodeMessage.ArtifactData(asked.requestId(), SHA, bytes, "ad"));
        assertThat(worker.sent.get(1)).isEqualTo(new CodeMessage.ArtifactData(2, SHA, bytes, "ad"));

        // an answer nobody waits for (sent twice) goes nowhere
        relay.received(client, true, false, new CodeMessage.ArtifactData(asked.requestId(), SHA, bytes, "ad"));
        assertThat(worker.sent).hasSize(2);
    }

    @Test
    void theClientsRefusalReachesTheWorkerWithItsReason() {
        relay.received(client, true, false, ALICE);
        relay.received(worker, false, true, new CodeMessage.FetchArtifact("alice", SHA, 5, "fa"));
        long q = ((CodeMessage.ArtifactRequest) client.sent.get(0)).requestId();
        relay.received(client, true, false, new CodeMessage.ArtifactMissing(q, SHA, "cannot read app.jar", "am"));
        assertThat(worker.sent).containsExactly(new CodeMessage.ArtifactMissing(5, SHA, "cannot read app.jar", "am"));
    }

    @Test
    void anUnknownClientIsAnsweredAtOnce() {
        relay.received(worker, false, true, new CodeMessage.FetchCode("bob", 1, "fc"));
        relay.received(worker, false, true, new CodeMessage.FetchArtifact("bob", SHA, 2, "fa"));
        assertThat(worker.sent).hasSize(2).allSatisfy(m -> assertThat(m).isInstanceOf(CodeMessage.ArtifactMissing.class));
        assertThat(((CodeMessage.ArtifactMissing) worker.sent.get(0)).reason()).contains("client bob is not connected");
    }

    @Test
    void aClientLeavingAnswersWaitingWorkersAndReleasesItsCodeOnEveryWorker() {
        relay.received(client, true, false, ALICE);
        relay.received(worker, false, true, new CodeMessage.FetchArtifact("alice", SHA, 7, "fa"));
        relay.closed(client, null);
        assertThat(worker.sent).hasSize(2);
        assertThat(worker.sent).contains(new CodeMessage.ReleaseCode("alice", "client-gone"));
        assertThat(worker.sent).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(CodeMessage.ArtifactMissing.class,
                a -> assertThat(a.reason()).contains("disconnected")));
        assertThat(otherWorker.sent).containsExactly(new CodeMessage.ReleaseCode("alice", "client-gone"));

        relay.received(worker, false, true, new CodeMessage.FetchCode("alice", 8, "fc"));
        assertThat(worker.sent.get(2)).isInstanceOf(CodeMessage.ArtifactMissing.class);
    }

    @Test
    void aPublisherThatLeftKeepsItsCodeOnTheWorkersUntilItsLastDatasetIsGone() {
        relay.received(client, true, false, ALICE);
        relay.closed(client, "client-alice");
        assertThat(worker.sent).isEmpty();
        assertThat(otherWorker.sent).isEmpty();

        // a worker that gets a task of the dataset only now still learns the manifest (its cache may have the jars)
        relay.received(otherWorker, false, true, new CodeMessage.FetchCode("alice", 3, "fc"));
        assertThat(otherWorker.sent).containsExactly(new CodeMessage.CodeManifest(3, "alice", ALICE.artifacts(), List.of("com.acme."), "fc"));
        // but nobody can send it bytes any more: the refusal says why
        relay.received(otherWorker, false, true, new CodeMessage.FetchArtifact("alice", SHA, 4, "fa"));
        assertThat(otherWorker.sent.get(1)).isInstanceOfSatisfying(CodeMessage.ArtifactMissing.class,
                a -> assertThat(a.reason()).contains("not connected").contains("published datasets"));

        relay.releaseDeparted("someone-else");
        assertThat(worker.sent).isEmpty();
        relay.releaseDeparted("client-alice");
        assertThat(worker.sent).containsExactly(new CodeMessage.ReleaseCode("alice", "client-gone"));
        assertThat(otherWorker.sent.get(2)).isEqualTo(new CodeMessage.ReleaseCode("alice", "client-gone"));
        relay.received(worker, false, true, new CodeMessage.FetchCode("alice", 5, "fc"));
        assertThat(worker.sent.get(1)).isInstanceOf(CodeMessage.ArtifactMissing.class);
    }

    @Test
    void messagesFromTheWrongSideCloseTheConnection() {
        relay.received(worker, false, true, ALICE);
        assertThat(worker.open).isFalse();
        relay.received(client, true, false, new CodeMessage.FetchCode("alice", 1, "fc"));
        assertThat(client.open).isFalse();
    }
}
