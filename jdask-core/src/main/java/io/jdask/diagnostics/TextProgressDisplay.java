package io.jdask.diagnostics;

import java.io.Flushable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-text progress: each refresh writes {@code \r} and the line again, the run's end writes the
 * final line and a newline, like Dask's console bar:
 *
 * <pre>
 * [####################                    ]  50% | 500/1000 tasks | 1.2s
 * </pre>
 */
final class TextProgressDisplay implements ProgressDisplay {
    private static final Logger LOG = LoggerFactory.getLogger(TextProgressDisplay.class);

    private final Appendable out;
    private final int barWidth;
    private int lastLength;
    private boolean broken;

    /**
     * @param out where to write; writes are synchronized on it, so runs may share it
     * @param barWidth characters between the brackets
     */
    TextProgressDisplay(Appendable out, int barWidth) {
        this.out = out;
        this.barWidth = barWidth;
    }

    @Override
    public void update(long done, long total, long elapsedNanos) {
        write("\r" + padded(line(done, total, elapsedNanos, barWidth)));
    }

    @Override
    public void finish(long done, long total, long elapsedNanos, Throwable error) {
        String line = line(done, total, elapsedNanos, barWidth);
        if (error != null) {
            line += " | failed: " + ProgressDisplay.describe(error);
        }
        write("\r" + padded(line) + "\n");
    }

    /**
     * @return e.g. {@code [##########          ]  50% | 5/10 tasks | 1.2s}
     */
    static String line(long done, long total, long elapsedNanos, int barWidth) {
        long shown = Math.min(done, total);
        double fraction = total == 0 ? 1.0 : (double) shown / total;
        int filled = (int) Math.floor(fraction * barWidth);
        int percent = (int) Math.floor(fraction * 100);
        StringBuilder sb = new StringBuilder(barWidth + 48).append('[');
        sb.repeat('#', filled).repeat(' ', barWidth - filled).append("] ");
        if (percent < 100) {
            sb.append(' ');
        }
        if (percent < 10) {
            sb.append(' ');
        }
        return sb.append(percent).append("% | ").append(shown).append('/').append(total).append(" tasks | ")
                .append(Durations.elapsed(elapsedNanos)).toString();
    }

    private String padded(String line) {
        int pad = lastLength - line.length();
        lastLength = line.length();
        return pad > 0 ? line + " ".repeat(pad) : line;
    }

    private void write(String text) {
        if (broken) {
            return;
        }
        try {
            synchronized (out) {
                out.append(text);
                if (out instanceof Flushable f) {
                    f.flush();
                }
            }
        } catch (IOException e) {
            broken = true;
            LOG.warn("cannot write the progress bar; it stays silent for this run", e);
        }
    }
}
