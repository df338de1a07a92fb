package io.github.codepipeline.maven.client;

/**
 * A report could not be made. The message is one line that says what went wrong and what to do, safe to
 * print (no secrets). {@link #isWarning()} marks outcomes that are not errors, such as a job that already has
 * a result.
 */
public class ReportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean warning;

    public ReportException(String message, boolean warning) {
        super(message);
        this.warning = warning;
    }

    public boolean isWarning() {
        return warning;
    }
}
