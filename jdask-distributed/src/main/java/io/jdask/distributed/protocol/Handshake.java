package io.jdask.distributed.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The first message on every connection, in both directions. Two peers talk only when {@link
 * #checkCompatible(Handshake)} says so: the same protocol version, the same jdask version and the
 * same Java feature release (serialized lambdas and classes are not portable across them).
 *
 * @param protocolVersion the wire protocol's version
 * @param jdaskVersion the jdask release, e.g. {@code 0.1.0}
 * @param javaVersion the Java runtime version, e.g. {@code 21.0.4}
 * @param role what the peer is: {@code scheduler}, {@code worker} or {@code client}
 * @param stimulusId the stimulus
 */
public record Handshake(int protocolVersion, String jdaskVersion, String javaVersion, String role, String stimulusId) implements Message {
    /** The protocol version this code speaks (4: joined payloads, boxed scalars as core's blocks, the shared-memory messages, tags 120-122). */
    public static final int PROTOCOL_VERSION = 4;

    /** Checks the fields. */
    public Handshake {
        Objects.requireNonNull(jdaskVersion, "jdaskVersion");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(role, "role");
    }

    /**
     * This process's handshake.
     *
     * @param jdaskVersion this process's jdask release
     * @param role what this process is
     * @param stimulusId the stimulus
     * @return the handshake with this protocol version and the running Java version
     */
    public static Handshake local(String jdaskVersion, String role, String stimulusId) {
        return new Handshake(PROTOCOL_VERSION, jdaskVersion, Runtime.version().toString(), role, stimulusId);
    }

    /**
     * Whether a peer may talk to this process.
     *
     * @param peer the peer's handshake
     * @return the verdict, with a message naming every version that differs
     */
    public Compatibility checkCompatible(Handshake peer) {
        List<String> differences = new ArrayList<>();
        if (protocolVersion != peer.protocolVersion) {
            differences.add("protocol version " + protocolVersion + " here, " + peer.protocolVersion + " on the " + peer.role);
        }
        if (!jdaskVersion.equals(peer.jdaskVersion)) {
            differences.add("jdask " + jdaskVersion + " here, " + peer.jdaskVersion + " on the " + peer.role);
        }
        if (javaFeature(javaVersion) != javaFeature(peer.javaVersion)) {
            differences.add("Java " + javaVersion + " here, " + peer.javaVersion + " on the " + peer.role);
        }
        if (differences.isEmpty()) {
            return new Compatibility(true, "compatible: protocol " + protocolVersion + ", jdask " + jdaskVersion + ", Java " + javaFeature(javaVersion));
        }
        return new Compatibility(false, "incompatible " + peer.role + " (this is a " + role + "): " + String.join("; ", differences));
    }

    private static int javaFeature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }

    /**
     * A compatibility verdict.
     *
     * @param compatible whether the peers may talk
     * @param message what matched or which versions differ
     */
    public record Compatibility(boolean compatible, String message) {}
}
