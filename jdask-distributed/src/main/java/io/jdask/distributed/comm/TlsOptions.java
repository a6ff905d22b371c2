package io.jdask.distributed.comm;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for every connection of a process, with mutual authentication: each side presents its
 * certificate and accepts only peers whose certificate the trusted CA signed.
 *
 * @param certificate this process's certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8, unencrypted)
 * @param trustedCa the CA certificate(s) peers must be signed by (PEM)
 */
public record TlsOptions(Path certificate, Path privateKey, Path trustedCa) {
    /** Checks the paths. */
    public TlsOptions {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustedCa, "trustedCa");
    }
}
