package io.jdask.distributed.comm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS with certificates made at test time by {@code openssl} (skipped where it is not
 * installed): a peer signed by the cluster's CA connects, one signed by another CA and a plain-TCP
 * peer are refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransportTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        for (String ca : List.of("ca", "other-ca")) {
            openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", ca + ".key", "-out", ca + ".pem", "-days", "1", "-subj", "/CN=" + ca);
        }
        for (String[] node : new String[][] {{"node", "ca"}, {"stranger", "other-ca"}}) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", node[0] + ".key", "-out", node[0] + ".csr", "-subj", "/CN=" + node[0]);
            openssl("x509", "-req", "-in", node[0] + ".csr", "-CA", node[1] + ".pem", "-CAkey", node[1] + ".key",
                    "-CAcreateserial", "-out", node[0] + ".pem", "-days", "1");
        }
    }

    static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("openssl %s: %s", args[0], out).isZero();
    }

    static Security tls(String node, String ca) {
        return Security.token("t").withTls(new TlsOptions(dir.resolve(node + ".pem"), dir.resolve(node + ".key"), dir.resolve(ca + ".pem")));
    }

    @Test
    void peersOfTheSameCaTalkOverTls() throws Exception {
        TransportTest.Echo server = new TransportTest.Echo();
        try (Transport a = Transport.create("scheduler", tls("node", "ca"));
             Transport b = Transport.create("client", tls("node", "ca"));
             Listener l = a.listen("127.0.0.1", 0, server)) {
            assertThat(l.address()).startsWith("tls://127.0.0.1:");
            Connection c = b.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo());
            c.send(new WorkerToWorker.GetData(List.of(Key.of("x")), "me", "g"));
            assertThat(server.received.poll(10, TimeUnit.SECONDS)).isInstanceOf(WorkerToWorker.GetData.class);
            c.close();
        }
    }

    @Test
    void aCertificateFromAnotherCaOrNoTlsIsRefused() throws Exception {
        try (Transport a = Transport.create("scheduler", tls("node", "ca"));
             Transport stranger = Transport.create("client", tls("stranger", "ca"));
             Transport plain = Transport.create("client", Security.token("t"));
             Listener l = a.listen("127.0.0.1", 0, new TransportTest.Echo())) {
            assertThatThrownBy(() -> stranger.connect(l.address(), TransportTest.TIMEOUT, new TransportTest.Echo()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("during the handshake");
            assertThatThrownBy(() -> plain.connect(l.address().replace("tls://", "tcp://"), TransportTest.TIMEOUT, new TransportTest.Echo()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("closed the connection during the handshake (does it expect TLS?)");
        }
    }
}
