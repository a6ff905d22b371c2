package io.jdask.distributed.worker.code;

import io.jdask.distributed.code.CodeArtifact;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a worker gets the bytes of an artifact it lacks: the transport's seam. Behind it the
 * transport asks the client that shipped the artifact (through the scheduler, which relays the
 * bytes without looking at them) and answers with what the client's
 * {@link io.jdask.distributed.code.ClassPathManifest#open} gave. The worker checks the bytes against
 * the artifact's hash and size itself, so a source need not be trusted to be correct.
 */
@FunctionalInterface
public interface CodeSource {
    /**
     * @param artifact the artifact wanted
     * @return a stream of its bytes; the caller closes it
     * @throws IOException when the bytes cannot be had (client gone, connection lost)
     */
    InputStream open(CodeArtifact artifact) throws IOException;
}
