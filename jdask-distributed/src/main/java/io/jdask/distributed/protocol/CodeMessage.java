package io.jdask.distributed.protocol;

import io.jdask.distributed.code.CodeArtifact;
import java.util.List;
import java.util.Objects;

/**
 * Messages of code shipping: a client announces the jars its tasks need, a worker that lacks one
 * asks for it, and the scheduler relays the request to the client and the bytes back without
 * looking at them. See {@code docs/distributed-worker.md}.
 *
 * <pre>
 * client                      scheduler                        worker
 * RegisterCode ─────────────▶ kept while the client is connected
 *                             ◀── FetchCode(client, r) ──────  (first task of that client)
 *                             ── CodeManifest(r, ...) ───────▶
 *                             ◀── FetchArtifact(client, sha, r)
 * ◀── ArtifactRequest(sha, q)
 * ArtifactData(q, sha, bytes) ▶ ── ArtifactData(r, sha, bytes) ▶ verified, cached
 *       (or ArtifactMissing)       (or ArtifactMissing)
 * (disconnects)               ── ReleaseCode(client) ────────▶ its class loader closed
 * </pre>
 */
public sealed interface CodeMessage extends Message {
    /**
     * A client's code: sent once after the handshake, before its first graph.
     *
     * @param clientId the identity its payloads carry (see {@link io.jdask.distributed.code.CodeEnvelope})
     * @param artifacts the jars (and packed class directories) of its class path that are not jdask's
     * @param allowedPackages the class-name prefixes its serialization allows, which a worker allows
     *     for this client's payloads only
     * @param stimulusId the stimulus
     */
    record RegisterCode(String clientId, List<CodeArtifact> artifacts, List<String> allowedPackages, String stimulusId) implements CodeMessage {
        /** Copies the lists. */
        public RegisterCode {
            Objects.requireNonNull(clientId, "clientId");
            artifacts = List.copyOf(artifacts);
            allowedPackages = List.copyOf(allowedPackages);
        }
    }

    /**
     * A worker asks for the code a client registered (worker to scheduler).
     *
     * @param clientId the client
     * @param requestId the worker's number for the request
     * @param stimulusId the stimulus
     */
    record FetchCode(String clientId, long requestId, String stimulusId) implements CodeMessage {}

    /**
     * The answer to {@link FetchCode} (scheduler to worker).
     *
     * @param requestId the worker's number for the request
     * @param clientId the client
     * @param artifacts its artifacts
     * @param allowedPackages its allowed packages
     * @param stimulusId the stimulus
     */
    record CodeManifest(long requestId, String clientId, List<CodeArtifact> artifacts, List<String> allowedPackages, String stimulusId)
            implements CodeMessage {
        /** Copies the lists. */
        public CodeManifest {
            artifacts = List.copyOf(artifacts);
            allowedPackages = List.copyOf(allowedPackages);
        }
    }

    /**
     * A worker asks for the bytes of one of a client's artifacts (worker to scheduler).
     *
     * @param clientId the client
     * @param sha256 the artifact
     * @param requestId the worker's number for the request
     * @param stimulusId the stimulus
     */
    record FetchArtifact(String clientId, String sha256, long requestId, String stimulusId) implements CodeMessage {}

    /**
     * The scheduler asks a client for an artifact's bytes on a worker's behalf (scheduler to client).
     *
     * @param sha256 the artifact
     * @param requestId the scheduler's number for the request
     * @param stimulusId the stimulus
     */
    record ArtifactRequest(String sha256, long requestId, String stimulusId) implements CodeMessage {}

    /**
     * An artifact's bytes, as a payload frame: client to scheduler with the scheduler's request
     * number, then scheduler to worker with the worker's.
     *
     * @param requestId the receiver's number for the request
     * @param sha256 the artifact
     * @param bytes its bytes (the worker checks them against the hash)
     * @param stimulusId the stimulus
     */
    record ArtifactData(long requestId, String sha256, Payload bytes, String stimulusId) implements CodeMessage {}

    /**
     * A request ({@link FetchCode}, {@link FetchArtifact} or {@link ArtifactRequest}) cannot be
     * answered: the client is gone, never registered code, or cannot read the artifact.
     *
     * @param requestId the receiver's number for the request
     * @param sha256 the artifact, or empty for a {@link FetchCode}
     * @param reason why, for the error the task fails with
     * @param stimulusId the stimulus
     */
    record ArtifactMissing(long requestId, String sha256, String reason, String stimulusId) implements CodeMessage {}

    /**
     * A client that registered code left (scheduler to every worker, after the messages that
     * release its keys): the worker closes that client's class loader (the cached jars stay).
     *
     * @param clientId the client
     * @param stimulusId the stimulus
     */
    record ReleaseCode(String clientId, String stimulusId) implements CodeMessage {}
}
