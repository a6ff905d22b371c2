package io.jdask.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes snapshots to the pages' WebSockets, from one timer thread at a bounded rate: each open
 * socket gets the cluster's summary when it changed, and the task-stream entries it has not seen
 * (the newest {@link #MAX_STREAM} per push: the page draws the newest 3,000 bars, so at higher
 * rates older ones would never be seen).
 */
final class Pusher {
    static final int MAX_STREAM = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    /** What one socket has been sent. */
    private static final class Seen {
        final WsContext ctx;
        long version = -1;
        long seq;

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
        ws.onClose(ctx -> sockets.remove(ctx.sessionId()));
        ws.onError(ctx -> sockets.remove(ctx.sessionId()));
    }

    /** @return how many sockets are open */
    int openSockets() {
        return sockets.size();
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
            for (Seen seen : sockets.values()) {
                if (seen.version == s.version()) {
                    continue;
                }
                if (summary == null) {
                    summary = json.writeValueAsString(JsonViews.summary(s));
                    List<String> recent = s.events().subList(Math.max(0, s.events().size() - 50), s.events().size());
                    events = json.writeValueAsString(recent);
                }
                StringBuilder text = new StringBuilder(summary.length() + 256);
                text.append("{\"type\":\"update\",\"summary\":").append(summary).append(",\"stream\":");
                seen.seq = JsonViews.writeStreamAfter(text, s, seen.seq, MAX_STREAM);
                String message = text.append(",\"events\":").append(events).append('}').toString();
                seen.version = s.version();
                try {
                    seen.ctx.send(message);
                } catch (RuntimeException e) {
                    sockets.remove(seen.ctx.sessionId());
                }
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("dashboard push failed", e);
        }
    }

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
