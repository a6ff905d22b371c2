package io.jdask.distributed.worker.code;

import io.jdask.distributed.code.CodeArtifact;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A stand-in worker process for {@link CodeShippingProcessTest}: started with jdask's test class
 * path only, it gets the client's artifacts through a {@link CodeSource} that asks its parent over
 * a pipe ({@code FETCH <sha256>} on stdout, answered on stdin by a length and the bytes), loads them
 * in the client's class loader, deserializes the task from a file and runs it.
 *
 * <p>Arguments: cache directory, client id, task file, task argument, then artifacts as
 * {@code sha256:size:name}.
 */
public final class CodeShippingChild {
    private CodeShippingChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        try {
            Class.forName("com.acme.shipped.Greeter");
            out.println("PRESENT com.acme.shipped.Greeter");
        } catch (ClassNotFoundException e) {
            out.println("ABSENT com.acme.shipped.Greeter");
        }
        Path cacheDir = Path.of(args[0]);
        String clientId = args[1];
        byte[] task = Files.readAllBytes(Path.of(args[2]));
        int input = Integer.parseInt(args[3]);
        List<CodeArtifact> artifacts = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            String[] p = args[i].split(":", 3);
            artifacts.add(new CodeArtifact(p[0], Long.parseLong(p[1]), p[2]));
        }
        DataInputStream in = new DataInputStream(System.in);
        CodeSource overPipe = artifact -> {
            synchronized (out) {
                out.println("FETCH " + artifact.sha256());
                out.flush();
                long n = in.readLong();
                if (n < 0) {
                    throw new IOException("the parent has no artifact " + artifact.sha256());
                }
                byte[] bytes = new byte[(int) n];
                in.readFully(bytes);
                return new ByteArrayInputStream(bytes);
            }
        };
        CodeCache cache = new CodeCache(cacheDir);
        try (ClientCode code = ClientCode.create(cache, ClassLoader.getSystemClassLoader())) {
            ClientCode.Registration client = code.register(clientId, artifacts, List.of("com.acme."), overPipe);
            @SuppressWarnings("unchecked")
            Function<Integer, String> f = (Function<Integer, String>) client.serialization().fromBytes(task);
            out.println("RESULT " + f.apply(input));
            out.println("LOADER " + f.getClass().getClassLoader().getName());
            out.println("FETCHES " + cache.fetches() + " HITS " + cache.hits());
        }
        out.flush();
    }
}
