package io.jdask.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.jdask.distributed.logs.LogBuffer;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The routes: HTML pages and their scripts (from the class path), the charting libraries (from
 * their WebJars), the JSON API, {@code /metrics} and {@code /health}.
 */
final class Pages {
    private static final String WEB = "/io/jdask/dashboard/web/";
    /** The scripts the pages load, each from its WebJar (the versions are written in at build time). */
    private static final Map<String, String> LIBRARIES = libraries();

    private Pages() {}

    static void register(JavalinConfig config, WebDashboard d) {
        var r = config.routes;
        r.get("/", ctx -> ctx.redirect("/status"));
        for (String page : new String[] {"status", "workers", "worker", "graph", "system", "info"}) {
            String html = read(WEB + page + ".html"); // once, at start-up: a missing page fails here
            r.get("/" + page, ctx -> ctx.contentType("text/html; charset=utf-8").result(html));
        }
        r.get("/static/{file}", ctx -> file(ctx, ctx.pathParam("file")));
        r.get("/lib/{name}", ctx -> library(ctx, ctx.pathParam("name")));

        r.get("/favicon.ico", ctx -> ctx.status(HttpStatus.NO_CONTENT));
        r.get("/health", ctx -> ctx.contentType("text/plain").result("ok"));
        r.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(d.metrics()));
        r.get("/api/snapshot", ctx -> {
            ClusterSnapshot s = d.monitor().snapshot();
            Map<String, Object> m = new LinkedHashMap<>(JsonViews.summary(s));
            m.put("stream", JsonViews.streamAfter(s, longParam(ctx, "since", 0), Integer.MAX_VALUE));
            m.put("events", s.events());
            d.sendJson(ctx, m);
        });
        r.get("/api/workers", ctx -> d.sendJson(ctx, d.monitor().snapshot().workers().stream().map(JsonViews::worker).toList()));
        r.get("/api/worker", ctx -> {
            String address = ctx.queryParam("address");
            if (address == null || address.isBlank()) {
                ctx.status(HttpStatus.BAD_REQUEST);
                d.sendJson(ctx, Map.of("error", "query parameter 'address' is missing (a worker's address or name)"));
                return;
            }
            Map<String, Object> w = d.workerDetail(address);
            if (w == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                d.sendJson(ctx, Map.of("error", "no worker '" + address + "'"));
                return;
            }
            d.sendJson(ctx, w);
        });
        r.get("/api/worker/logs", ctx -> {
            String address = ctx.queryParam("address");
            if (address == null || address.isBlank()) {
                ctx.status(HttpStatus.BAD_REQUEST);
                d.sendJson(ctx, Map.of("error", "query parameter 'address' is missing (a worker's address or name)"));
                return;
            }
            int lines = (int) Math.min(LogBuffer.CAPACITY, Math.max(1, longParam(ctx, "lines", 500)));
            var w = d.findWorker(address);
            if (w == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                d.sendJson(ctx, Map.of("error", "no worker '" + address + "'"));
                return;
            }
            // answered when the worker replies, on the dashboard's own threads: nothing waits on the scheduler's loop
            ctx.future(() -> d.workerLog(w.address(), lines).handle((log, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                    String why = cause instanceof java.util.concurrent.TimeoutException ? "did not answer in time" : String.valueOf(cause.getMessage());
                    ctx.status(HttpStatus.BAD_GATEWAY);
                    d.sendJson(ctx, Map.of("error", "cannot fetch the log of worker " + w.address() + ": " + why));
                } else {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("worker", w.address());
                    m.put("fetched", System.currentTimeMillis());
                    m.put("lines", log);
                    d.sendJson(ctx, m);
                }
                return null;
            }));
        });
        r.get("/api/prefixes", ctx -> d.sendJson(ctx, d.monitor().snapshot().prefixes().stream().map(JsonViews::prefix).toList()));
        r.get("/api/taskstream", ctx -> {
            StringBuilder out = new StringBuilder();
            JsonViews.writeStreamAfter(out, d.monitor().snapshot(), longParam(ctx, "since", 0), Integer.MAX_VALUE);
            ctx.contentType("application/json").result(out.toString());
        });
        r.get("/api/graph", ctx -> {
            d.monitor().wantGraph();
            var g = d.monitor().snapshot().graph();
            if (g.isEmpty()) {
                ctx.status(HttpStatus.ACCEPTED); // asked for: the loop builds it with its next snapshot
                d.sendJson(ctx, Map.of("pending", true));
            } else {
                d.sendJson(ctx, JsonViews.graph(g.get()));
            }
        });
        r.get("/api/system", ctx -> d.sendJson(ctx, d.system()));
        r.get("/api/info", ctx -> d.sendJson(ctx, d.info()));
    }

    private static long longParam(Context ctx, String name, long otherwise) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("query parameter '" + name + "' must be a whole number, got '" + v + "'");
        }
    }

    private static void file(Context ctx, String file) {
        if (!file.matches("[a-z]+\\.(js|css)")) {
            throw new io.javalin.http.NotFoundResponse("no file " + file);
        }
        InputStream in = Pages.class.getResourceAsStream(WEB + file);
        if (in == null) {
            throw new io.javalin.http.NotFoundResponse("no file " + file);
        }
        ctx.contentType(file.endsWith(".js") ? "application/javascript" : "text/css").result(in);
    }

    private static void library(Context ctx, String name) {
        String path = LIBRARIES.get(name);
        InputStream in = path == null ? null : Pages.class.getResourceAsStream(path);
        if (in == null) {
            throw new io.javalin.http.NotFoundResponse("no library " + name);
        }
        ctx.header("Cache-Control", "max-age=86400").contentType("application/javascript").result(in);
    }

    private static String read(String resource) {
        try (InputStream in = Pages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's resource " + resource + " is missing from its jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> libraries() {
        Properties p = new Properties();
        try (InputStream in = Pages.class.getResourceAsStream("/io/jdask/dashboard/webjars.properties")) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's webjars.properties is missing from its jar");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "echarts.min.js", "/META-INF/resources/webjars/echarts/" + p.getProperty("echarts") + "/echarts.min.js",
                "cytoscape.min.js", "/META-INF/resources/webjars/cytoscape/" + p.getProperty("cytoscape") + "/dist/cytoscape.min.js");
    }
}
