package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.config.Secrets;

/** Masks every secret in every line before it reaches Maven's log, whatever its level. */
public final class RedactingLog implements ReportLog {
    private final ReportLog delegate;
    private final Secrets secrets;

    public RedactingLog(ReportLog delegate, Secrets secrets) {
        this.delegate = delegate;
        this.secrets = secrets;
    }

    @Override
    public void debug(String message) {
        delegate.debug(secrets.redact(message));
    }

    @Override
    public void info(String message) {
        delegate.info(secrets.redact(message));
    }

    @Override
    public void warn(String message) {
        delegate.warn(secrets.redact(message));
    }

    @Override
    public void error(String message) {
        delegate.error(secrets.redact(message));
    }
}
