package io.jdask.diagnostics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes a profile as JSON (with Jackson's streaming generator) or CSV (RFC 4180 quoting). */
final class ProfileExport {
    static final String CSV_HEADER = "key,prefix,thread,start_us,end_us,duration_us,failed";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ProfileExport() {}

    /**
     * {@code {"runs": [...], "tasks": [...], "summary": {...}}}, times in microseconds with
     * nanosecond precision.
     */
    static void json(Writer out, List<RunRecord> runs, List<TaskRecord> tasks, ProfileSummary summary)
            throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("runs");
            for (RunRecord r : runs) {
                g.writeStartObject();
                g.writeNumberField("id", r.id());
                g.writeStringField("scheduler", r.scheduler());
                g.writeNumberField("tasks", r.taskCount());
                g.writeNumberField("duration_us", Durations.micros(r.durationNanos()));
                g.writeStringField("error", r.error());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tasks");
            for (TaskRecord t : tasks) {
                g.writeStartObject();
                g.writeNumberField("run", t.runId());
                g.writeStringField("key", t.key().toString());
                g.writeStringField("prefix", t.prefix());
                g.writeStringField("thread", t.thread());
                g.writeNumberField("start_us", Durations.micros(t.startNanos()));
                g.writeNumberField("end_us", Durations.micros(t.endNanos()));
                g.writeNumberField("duration_us", Durations.micros(t.durationNanos()));
                g.writeBooleanField("failed", t.failed());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("tasks", summary.tasks());
            g.writeNumberField("recorded", summary.recorded());
            g.writeNumberField("dropped", summary.dropped());
            g.writeNumberField("limit", summary.limit());
            g.writeArrayFieldStart("prefixes");
            for (PrefixSummary p : summary.prefixes()) {
                g.writeStartObject();
                g.writeStringField("prefix", p.prefix());
                g.writeNumberField("count", p.count());
                g.writeNumberField("failed", p.failed());
                g.writeNumberField("total_us", Durations.micros(p.totalNanos()));
                g.writeNumberField("mean_us", Durations.micros(p.meanNanos()));
                g.writeNumberField("max_us", Durations.micros(p.maxNanos()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** One line per task under {@link #CSV_HEADER}, times in microseconds with three decimals. */
    static void csv(Appendable out, List<TaskRecord> tasks) throws IOException {
        out.append(CSV_HEADER).append('\n');
        for (TaskRecord t : tasks) {
            out.append(csvField(t.key().toString())).append(',')
                    .append(csvField(t.prefix())).append(',')
                    .append(csvField(t.thread())).append(',')
                    .append(Durations.micros(t.startNanos()).toPlainString()).append(',')
                    .append(Durations.micros(t.endNanos()).toPlainString()).append(',')
                    .append(Durations.micros(t.durationNanos()).toPlainString()).append(',')
                    .append(t.failed() ? "true" : "false").append('\n');
        }
    }

    static String csvField(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
