package io.jdask.diagnostics;

/**
 * Draws the progress of one run. Called by {@link RunProgress} under its lock, so one display is
 * never called from two threads at once, and only once the run has lasted the minimum time.
 */
interface ProgressDisplay {
    /**
     * Redraws the bar.
     *
     * @param done tasks finished so far
     * @param total tasks in the run
     * @param elapsedNanos time since the run started
     */
    void update(long done, long total, long elapsedNanos);

    /**
     * Draws the final line; the display is not used afterwards.
     *
     * @param done tasks finished
     * @param total tasks in the run
     * @param elapsedNanos time the run took
     * @param error why the run failed, or {@code null}
     */
    void finish(long done, long total, long elapsedNanos, Throwable error);

    /**
     * @param error a failure
     * @return a one-line description of it
     */
    static String describe(Throwable error) {
        String message = error.getMessage();
        String text = error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }
}
