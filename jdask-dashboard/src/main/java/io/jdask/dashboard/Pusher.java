package io.jdask.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes snapshots to the pages' WebSockets, from one timer thread at a bounded rate: each open
 * socket gets the cluster's summary when it changed, and the task-stream entries it has not seen,
 * merged into runs of tasks that ran back to back on one thread ({@link StreamRuns}; the newest
 * {@link #MAX_STREAM} runs per push: the page draws at most 3,000 bars). The summary and events are encoded once per push, and
 * the stream's text once per starting point, so sockets that saw the same entries share one
 * message; the events (the newest 50) go only when one was added since the socket's last message. A page that is hidden sends {@code {"type":"pause"}} and gets nothing until it sends
 * {@code {"type":"resume"}}; then it gets the summary and the newest entries it missed.
 */
final class Pusher {
    static final int MAX_STREAM = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    /** What one socket has been sent. */
    private static final class Seen {
        final WsContext ctx;
        long version = -1;
        long seq;
        String eventsMark;
        volatile boolean paused;

        Seen(WsContext ctx) {
            this.ctx = ctx;
        }
    }

    private final ClusterMonitor monitor;
    private final ObjectMapper json;
    private final Map<String, Seen> sockets = new ConcurrentHashMap<>();

    Pusher(ClusterMonitor monitor, ObjectMapper json) {
        this.monitor = monitor;
        this.json = json;
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(10));
            sockets.put(ctx.sessionId(), new Seen(ctx));
        });
        ws.onMessage(ctx -> {
            Seen seen = sockets.get(ctx.sessionId());
            String type;
            try {
                type = json.readTree(ctx.message()).path("type").asText("");
            } catch (JsonProcessingException e) {
                type = ""; // not JSON: ignored, as is any other type
            }
            if (seen != null) {
                switch (type) {
                    case "pause" -> seen.paused = true;
                    case "resume" -> seen.paused = false;
                    default -> { }
                }
            }
        });
        ws.onClose(ctx -> sockets.remove(ctx.sessionId()));
        ws.onError(ctx -> sockets.remove(ctx.sessionId()));
    }

    /** @return how many sockets are open */
    int openSockets() {
        return sockets.size();
    }

    /** @return how many open sockets are paused (their pages hidden) */
    int pausedSockets() {
        return (int) sockets.values().stream().filter(x -> x.paused).count();
    }

    /** Sends news to every socket (the timer thread). */
    void push() {
        if (sockets.isEmpty()) {
            return;
        }
        try {
            ClusterSnapshot s = monitor.snapshot();
            String summary = null;
            String events = null;
            List<String> all = s.events();
            String eventsMark = all.size() + ":" + (all.isEmpty() ? "" : all.getLast()); // changes when an event is added
            Map<String, Message> shared = new HashMap<>(4); // by the last entry the sockets saw and whether they need the events
            for (Seen seen : sockets.values()) {
                if (seen.version == s.version() || seen.paused) {
                    continue;
                }
                if (summary == null) {
                    summary = json.writeValueAsString(JsonViews.summary(s));
                    events = json.writeValueAsString(all.subList(Math.max(0, all.size() - 50), all.size()));
                }
                boolean withEvents = !eventsMark.equals(seen.eventsMark);
                Message message = shared.get(seen.seq + (withEvents ? "e" : ""));
                if (message == null) {
                    StringBuilder text = new StringBuilder(summary.length() + 256);
                    text.append("{\"type\":\"update\",\"summary\":").append(summary).append(",\"stream\":");
                    long last = StreamRuns.write(text, s, seen.seq, MAX_STREAM);
                    if (withEvents) {
                        text.append(",\"events\":").append(events);
                    }
                    message = new Message(text.append('}').toString(), last);
                    shared.put(seen.seq + (withEvents ? "e" : ""), message);
                }
                seen.seq = message.lastSeq();
                seen.version = s.version();
                seen.eventsMark = eventsMark;
                try {
                    seen.ctx.send(message.text());
                } catch (RuntimeException e) {
                    sockets.remove(seen.ctx.sessionId());
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("dashboard push failed", e);
        }
    }

    /** One encoded update, and the last task-stream entry in it. */
    private record Message(String text, long lastSeq) {}

    void closeAll() {
        for (Seen s : sockets.values()) {
            try {
                s.ctx.closeSession();
            } catch (RuntimeException e) {
                // closing anyway
            }
        }
        sockets.clear();
    }
}
