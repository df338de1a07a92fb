package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;

/**
 * Sends one failure report, or in a dry run prints exactly what would be sent. Shared by the automatic
 * (extension) path and the {@code report-failure} goal, so both validate, log and fail the same way.
 */
public final class FailureReporter {
    public static final String PREFIX = "CodePipeline: ";

    private final ReportLog log;
    private final Secrets secrets;
    private final String[] accessKeys;

    /**
     * @param log where to log; every line is redacted with {@code secrets}
     * @param accessKeys AWS access key ID, secret access key and session token from the session's environment
     */
    public FailureReporter(ReportLog log, Secrets secrets, String[] accessKeys) {
        this.secrets = secrets;
        this.log = new RedactingLog(log, secrets);
        this.accessKeys = accessKeys == null ? new String[3] : accessKeys.clone();
    }

    /**
     * @throws ReportException when the report could not be made; its message is one clear, secret-free line
     */
    public void report(ReportSettings settings, FailureType type, String message) throws ReportException {
        for (String warning : settings.warnings()) {
            log.warn(PREFIX + warning);
        }
        if (settings.dryRun()) {
            printDryRun(settings, type, message);
            return;
        }
        long start = System.nanoTime();
        log.debug(PREFIX + "reporting the failure of job " + settings.jobId() + " with " + settings);
        try (CodePipelineJobClient client = CodePipelineJobClient.create(settings, secrets, accessKeys)) {
            client.putFailure(type, message, settings.externalExecutionId());
        }
        log.info(PREFIX + "reported the failure of job " + settings.jobId() + " (" + type + ", " + message.length()
                + " characters) in " + (System.nanoTime() - start) / 1_000_000 + " ms.");
    }

    private void printDryRun(ReportSettings settings, FailureType type, String message) {
        log.info(PREFIX + "dry run (" + "codepipeline.dryRun=true" + "): nothing is sent. PutThirdPartyJobFailureResult would be:");
        log.info("  job ID:                " + (settings.jobId() == null ? "(not set)" : settings.jobId()));
        log.info("  client token:          " + (settings.clientToken() == null ? "(not set: a real report would fail)" : "(set, not shown)"));
        log.info("  failure type:          " + type);
        if (settings.externalExecutionId() != null) {
            log.info("  external execution ID: " + settings.externalExecutionId());
        }
        log.info("  message (" + message.length() + " characters):");
        for (String line : message.split("\n", -1)) {
            log.info("  | " + line);
        }
    }
}
