package io.jdask.distributed.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The recent log lines of this process, kept in memory for clients that ask a scheduler or a
 * worker for its logs ({@code Client.getSchedulerLogs()}, {@code Client.getWorkerLogs()}).
 *
 * <p>A bounded ring of the newest {@value #CAPACITY} lines, shared by the whole JVM: a scheduler
 * and workers running as threads of one process see the same lines. {@link #install()} attaches
 * it to the logging backend when SLF4J is bound to Logback (the jdask command's and the tests'
 * binding): every event that passes the root logger's level is formatted as {@code
 * 2026-11-22T10:15:30.123Z WARN  logger [thread] - message} (plus the exception's type and
 * message). With another binding nothing is captured automatically, and {@link #add(String)}
 * still records lines. Thread-safe.
 */
public final class LogBuffer {
    /** How many lines are kept. */
    public static final int CAPACITY = 2000;

    private static final ArrayDeque<String> LINES = new ArrayDeque<>();
    private static boolean installed;

    private LogBuffer() {}

    /** Starts capturing the logging backend's events, once per JVM (later calls do nothing). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            if (LoggerFactory.getILoggerFactory().getClass().getName().equals("ch.qos.logback.classic.LoggerContext")) {
                LogbackCapture.attach();
            }
        } catch (LinkageError | RuntimeException notLogback) {
            // another binding, or Logback's classes are not loadable here: only add() records lines
        }
    }

    /**
     * Records a line, dropping the oldest beyond {@value #CAPACITY}.
     *
     * @param line the line, without a line break
     */
    public static void add(String line) {
        synchronized (LINES) {
            if (LINES.size() >= CAPACITY) {
                LINES.removeFirst();
            }
            LINES.addLast(line);
        }
    }

    /**
     * @param max the most lines wanted
     * @return the newest {@code max} lines (fewer if fewer were logged), oldest first
     */
    public static List<String> recent(int max) {
        synchronized (LINES) {
            int skip = Math.max(0, LINES.size() - Math.max(0, max));
            List<String> out = new ArrayList<>(LINES.size() - skip);
            int i = 0;
            for (String l : LINES) {
                if (i++ >= skip) {
                    out.add(l);
                }
            }
            return out;
        }
    }
}
