package io.github.codepipeline.maven.client;

/**
 * A report could not be made. The message is one line that says what went wrong and what to do, safe to
 * print (no secrets). {@link #isWarning()} marks outcomes that are not errors, such as a job that already has
 * a result.
 */
public class ReportException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean warning;
    private final boolean retryable;

    public ReportException(String message, boolean warning) {
        this(message, warning, false);
    }

    /** @param retryable whether the same call may work later (a server error, throttling, the network) */
    public ReportException(String message, boolean warning, boolean retryable) {
        super(message);
        this.warning = warning;
        this.retryable = retryable;
    }

    /** Whether the same call may work later: the service failed (HTTP 5xx), throttled, or could not be reached. */
    public boolean isRetryable() {
        return retryable;
    }

    public boolean isWarning() {
        return warning;
    }
}
