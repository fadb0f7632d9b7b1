package io.gridlet.benchmarks.harness;

import java.io.PrintStream;

/**
 * The run's progress bar: one line redrawn in place on a terminal ({@code [#####.....] 12/40
 * 30% 1m05s left  round 1 rmw_100B_gridlet}), one line per step when the output is a file or a
 * pipe, so that logs stay readable.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int done;

    Progress(PrintStream out, int total) {
        this.out = out;
        this.total = Math.max(1, total);
        this.terminal = out == System.out && System.console() != null;
    }

    /** Marks the start of the next step. */
    void step(String what) {
        done++;
        out.print(line(what) + (terminal ? "\r" : System.lineSeparator()));
        out.flush();
    }

    /** Ends the bar. */
    void done() {
        if (terminal) {
            out.println();
        }
    }

    String line(String what) {
        int filled = (int) ((long) WIDTH * (done - 1) / total);
        long elapsed = System.nanoTime() - start;
        long left = done <= 1 ? 0 : elapsed / (done - 1) * (total - done + 1) / 1_000_000_000L;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String text = String.format("[%s] %d/%d %3d%% %s left  %s", bar, done, total, 100 * (done - 1) / total,
                left >= 60 ? (left / 60) + "m" + String.format("%02d", left % 60) + "s" : left + "s", what);
        // Pad so that a shorter line fully covers the one before it.
        return terminal ? String.format("%-110s", text) : text;
    }
}
