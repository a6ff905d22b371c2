package io.jdask.cli;

import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.TlsOptions;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The token and TLS options shared by {@code jdask scheduler} and {@code jdask worker}. */
final class SecurityOptions {
    @Option(names = "--token", paramLabel = "SECRET",
            description = "The cluster's shared secret; peers without it are refused (default: env JDASK_TOKEN, or the file named by JDASK_TOKEN_FILE).")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Read the shared secret from the first line of FILE.")
    Path tokenFile;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "This process's TLS certificate (turns TLS on; needs --tls-key and --tls-ca).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Its private key (PKCS#8 PEM, unencrypted).")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "The CA certificate every peer's certificate must be signed by (mutual TLS).")
    Path tlsCa;

    Security resolve(Map<String, String> env) {
        String t = Security.resolveToken(token, tokenFile, env).orElse(null);
        TlsOptions tls = null;
        if (tlsCert != null || tlsKey != null || tlsCa != null) {
            if (tlsCert == null || tlsKey == null || tlsCa == null) {
                throw new IllegalArgumentException("TLS needs all three of --tls-cert, --tls-key and --tls-ca");
            }
            tls = new TlsOptions(tlsCert, tlsKey, tlsCa);
        }
        return new Security(t, tls);
    }

    static String describe(Security s) {
        return (s.token() == null ? "no token" : "token required") + ", " + (s.tls() == null ? "plain TCP" : "mutual TLS");
    }
}
