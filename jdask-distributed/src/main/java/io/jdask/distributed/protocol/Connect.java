package io.jdask.distributed.protocol;

/**
 * The messages that open a connection, after both sides sent their {@link Handshake}: the
 * accepting side challenges the connecting side to prove it knows the cluster's shared secret,
 * then accepts or refuses it. A refused peer gets {@link Refused} with the reason before the
 * connection closes, so it can say why instead of seeing a bare disconnect.
 *
 * <pre>
 *  connecting side                     accepting side
 *      Handshake  ─────────────────▶
 *                 ◀─────────────────   Handshake, Challenge(nonce)
 *      Proof(HMAC(token, nonce)) ──▶
 *                 ◀─────────────────   Accepted | Refused(reason)
 * </pre>
 */
public sealed interface Connect extends Message {
    /**
     * A random nonce the connecting side must sign with the shared secret.
     *
     * @param nonce the nonce (hex)
     * @param stimulusId the stimulus
     */
    record Challenge(String nonce, String stimulusId) implements Connect {}

    /**
     * The answer to a {@link Challenge}: HMAC-SHA256 of the nonce keyed with the shared secret, or
     * empty when the connecting side has no secret.
     *
     * @param proof the MAC (hex), or empty
     * @param stimulusId the stimulus
     */
    record Proof(String proof, String stimulusId) implements Connect {}

    /**
     * The connection is open: messages of the peer's role may follow.
     *
     * @param stimulusId the stimulus
     */
    record Accepted(String stimulusId) implements Connect {}

    /**
     * The connection is refused; it closes after this message.
     *
     * @param reason why, for the peer to report (versions that differ, a wrong token)
     * @param stimulusId the stimulus
     */
    record Refused(String reason, String stimulusId) implements Connect {}
}
