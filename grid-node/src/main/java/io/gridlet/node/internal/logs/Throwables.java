package io.gridlet.node.internal.logs;

/** What a log line keeps of an error: its class, message and the function's own stack frames. */
public final class Throwables {

    /** The most frames kept of one error. */
    static final int MAX_FRAMES = 20;

    private Throwables() {
    }

    /**
     * The error's class and message, then its frames down to the first of Gridlet's own: the
     * frames the function's code ran, not the grid's that called it.
     */
    public static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.getClass().getName());
        if (error.getMessage() != null) {
            text.append(": ").append(error.getMessage());
        }
        int kept = 0;
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getClassName().startsWith("io.gridlet.node.internal.") || kept == MAX_FRAMES) {
                break;
            }
            text.append("\n\tat ").append(frame);
            kept++;
        }
        if (error.getCause() != null && error.getCause() != error) {
            text.append("\nCaused by: ").append(error.getCause().getClass().getName());
            if (error.getCause().getMessage() != null) {
                text.append(": ").append(error.getCause().getMessage());
            }
        }
        return text.toString();
    }
}
