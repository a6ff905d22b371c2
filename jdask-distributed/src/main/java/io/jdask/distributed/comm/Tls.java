package io.jdask.distributed.comm;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.UncheckedIOException;
import javax.net.ssl.SSLException;

/** Builds Netty TLS contexts with mutual authentication from PEM files. */
final class Tls {
    private Tls() {}

    static SslContext server(TlsOptions o) {
        try {
            return SslContextBuilder.forServer(o.certificate().toFile(), o.privateKey().toFile())
                    .trustManager(o.trustedCa().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException(new SSLException("cannot set up TLS from " + o + ": " + e.getMessage(), e));
        }
    }

    static SslContext client(TlsOptions o) {
        try {
            // peers are identified by the cluster's CA, not by host names (workers have none)
            return SslContextBuilder.forClient()
                    .keyManager(o.certificate().toFile(), o.privateKey().toFile())
                    .trustManager(o.trustedCa().toFile())
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException(new SSLException("cannot set up TLS from " + o + ": " + e.getMessage(), e));
        }
    }
}
