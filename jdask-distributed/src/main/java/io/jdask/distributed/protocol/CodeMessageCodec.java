package io.jdask.distributed.protocol;

import io.jdask.distributed.code.CodeArtifact;
import java.util.ArrayList;
import java.util.List;

/** The wire form of {@link CodeMessage}s: type codes 90-99 of {@link MessageCodec}. */
final class CodeMessageCodec {
    static final int REGISTER_CODE = 90;
    static final int FETCH_CODE = 91;
    static final int CODE_MANIFEST = 92;
    static final int FETCH_ARTIFACT = 93;
    static final int ARTIFACT_REQUEST = 94;
    static final int ARTIFACT_DATA = 95;
    static final int ARTIFACT_MISSING = 96;
    static final int RELEASE_CODE = 97;

    private CodeMessageCodec() {}

    /** @param type a message type code @return whether it is one of code shipping's */
    static boolean owns(int type) {
        return type >= 90 && type <= 99;
    }

    /** Writes the type and fields (not the stimulus id, which {@link MessageCodec} appends). */
    static void write(WireWriter w, CodeMessage m) {
        switch (m) {
            case CodeMessage.RegisterCode r -> {
                w.u8(REGISTER_CODE);
                w.string(r.clientId());
                artifacts(w, r.artifacts());
                w.strings(r.allowedPackages());
            }
            case CodeMessage.FetchCode f -> {
                w.u8(FETCH_CODE);
                w.string(f.clientId());
                w.i64(f.requestId());
            }
            case CodeMessage.CodeManifest c -> {
                w.u8(CODE_MANIFEST);
                w.i64(c.requestId());
                w.string(c.clientId());
                artifacts(w, c.artifacts());
                w.strings(c.allowedPackages());
            }
            case CodeMessage.FetchArtifact f -> {
                w.u8(FETCH_ARTIFACT);
                w.string(f.clientId());
                w.string(f.sha256());
                w.i64(f.requestId());
            }
            case CodeMessage.ArtifactRequest a -> {
                w.u8(ARTIFACT_REQUEST);
                w.string(a.sha256());
                w.i64(a.requestId());
            }
            case CodeMessage.ArtifactData d -> {
                w.u8(ARTIFACT_DATA);
                w.i64(d.requestId());
                w.string(d.sha256());
                w.payload(d.bytes());
            }
            case CodeMessage.ArtifactMissing a -> {
                w.u8(ARTIFACT_MISSING);
                w.i64(a.requestId());
                w.string(a.sha256());
                w.string(a.reason());
            }
            case CodeMessage.ReleaseCode rc -> {
                w.u8(RELEASE_CODE);
                w.string(rc.clientId());
            }
        }
    }

    /** Reads the fields after the type code, and the stimulus id. */
    static CodeMessage read(int type, WireReader r) {
        return switch (type) {
            case REGISTER_CODE -> {
                String client = r.string();
                List<CodeArtifact> artifacts = artifacts(r);
                List<String> allowed = r.strings();
                yield new CodeMessage.RegisterCode(client, artifacts, allowed, r.string());
            }
            case FETCH_CODE -> {
                String client = r.string();
                long id = r.i64();
                yield new CodeMessage.FetchCode(client, id, r.string());
            }
            case CODE_MANIFEST -> {
                long id = r.i64();
                String client = r.string();
                List<CodeArtifact> artifacts = artifacts(r);
                List<String> allowed = r.strings();
                yield new CodeMessage.CodeManifest(id, client, artifacts, allowed, r.string());
            }
            case FETCH_ARTIFACT -> {
                String client = r.string();
                String sha = r.string();
                long id = r.i64();
                yield new CodeMessage.FetchArtifact(client, sha, id, r.string());
            }
            case ARTIFACT_REQUEST -> {
                String sha = r.string();
                long id = r.i64();
                yield new CodeMessage.ArtifactRequest(sha, id, r.string());
            }
            case ARTIFACT_DATA -> {
                long id = r.i64();
                String sha = r.string();
                Payload bytes = r.payload();
                yield new CodeMessage.ArtifactData(id, sha, bytes, r.string());
            }
            case ARTIFACT_MISSING -> {
                long id = r.i64();
                String sha = r.string();
                String reason = r.string();
                yield new CodeMessage.ArtifactMissing(id, sha, reason, r.string());
            }
            case RELEASE_CODE -> {
                String client = r.string();
                yield new CodeMessage.ReleaseCode(client, r.string());
            }
            default -> throw new ProtocolException("unknown message type " + type);
        };
    }

    private static void artifacts(WireWriter w, List<CodeArtifact> artifacts) {
        w.i32(artifacts.size());
        for (CodeArtifact a : artifacts) {
            w.string(a.sha256());
            w.i64(a.size());
            w.string(a.name());
        }
    }

    private static List<CodeArtifact> artifacts(WireReader r) {
        int n = r.count("artifacts");
        List<CodeArtifact> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String sha = r.string();
            long size = r.i64();
            out.add(new CodeArtifact(sha, size, r.string()));
        }
        return out;
    }
}
