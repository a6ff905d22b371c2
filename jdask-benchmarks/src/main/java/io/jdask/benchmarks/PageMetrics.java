package io.jdask.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page in a headless Chromium spends its main thread's time, from Chromium's DevTools
 * protocol ({@code Performance.getMetrics}): the cumulative seconds of tasks, script, layout and
 * style recalculation. Connects to the page of a browser started with
 * {@code --remote-debugging-port=0 --user-data-dir=PROFILE} (the port is in the profile's
 * {@code DevToolsActivePort}), over the JDK's own WebSocket client.
 */
final class PageMetrics implements AutoCloseable {
    /** The metrics reported, in this order. */
    static final List<String> NAMES = List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration");
    private static final Pattern PAGE = Pattern.compile("\"type\"\\s*:\\s*\"page\"[^}]*?\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REPLY_ID = Pattern.compile("^\\{\"id\":(\\d+)");
    private static final Pattern METRIC = Pattern.compile("\"name\":\"(\\w+)\",\"value\":([-0-9.eE+]+)");

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<String>> replies = new ConcurrentHashMap<>();
    private volatile WebSocket socket;

    private PageMetrics() {}

    /** Waits (up to 30 s) for the browser's debugging port, connects to its first page and enables the metrics. */
    static PageMetrics connect(Path profile) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (!lines.isEmpty() && lines.get(0).strip().matches("[0-9]+")) {
                    String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + lines.get(0).strip() + "/json/list")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher m = PAGE.matcher(list);
                    if (m.find()) {
                        PageMetrics p = new PageMetrics();
                        p.socket = http.newWebSocketBuilder().buildAsync(URI.create(m.group(1)), p.listener()).get(30, TimeUnit.SECONDS);
                        p.call("Performance.enable");
                        return p;
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no DevTools page target in " + portFile + " within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    Matcher m = REPLY_ID.matcher(message);
                    if (m.find()) {
                        CompletableFuture<String> f = replies.remove(Integer.parseInt(m.group(1)));
                        if (f != null) {
                            f.complete(message);
                        }
                    }
                }
                ws.request(1);
                return null;
            }
        };
    }

    private String call(String method) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.put(id, reply);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\"}", true).get(10, TimeUnit.SECONDS);
        String r = reply.get(10, TimeUnit.SECONDS);
        if (r.contains("\"error\"")) {
            throw new IllegalStateException(method + " failed: " + r);
        }
        return r;
    }

    /** @return the page's cumulative seconds by metric ({@link #NAMES}) */
    Map<String, Double> read() throws Exception {
        String r = call("Performance.getMetrics");
        Map<String, Double> all = new LinkedHashMap<>();
        Matcher m = METRIC.matcher(r);
        while (m.find()) {
            all.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : NAMES) {
            out.put(n, all.getOrDefault(n, 0.0));
        }
        return out;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
