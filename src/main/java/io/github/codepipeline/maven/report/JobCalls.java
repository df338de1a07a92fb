package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.client.JobDetails;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.client.SdkLogging;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SuccessDetails;
import java.util.Map;
import java.nio.file.Path;

/**
 * Makes the job's calls (failure, success, job details), or in a dry run prints exactly what would be sent.
 * Shared by the automatic paths and the goals, so all of them warn, log and fail the same way.
 */
public final class JobCalls {
    public static final String PREFIX = "CodePipeline: ";

    private final ReportLog log;
    private final Secrets secrets;
    private final String[] accessKeys;
    private Path resultFile;

    /**
     * @param log where to log; every line is redacted with {@code secrets}
     * @param accessKeys AWS access key ID, secret access key and session token from the session's environment
     */
    public JobCalls(ReportLog log, Secrets secrets, String[] accessKeys) {
        this.secrets = secrets;
        this.log = new RedactingLog(log, secrets);
        this.accessKeys = accessKeys == null ? new String[3] : accessKeys.clone();
    }

    /**
     * @throws ReportException when the report could not be made; its message is one clear, secret-free line
     */
    public void report(ReportSettings settings, FailureType type, String message) throws ReportException {
        warn(settings);
        if (settings.dryRun()) {
            printDryRun(settings, type, message);
            return;
        }
        long start = System.nanoTime();
        log.debug(PREFIX + "reporting the failure of job " + settings.jobId() + " with " + settings);
        try (CodePipelineJobClient client = open(settings)) {
            client.putFailure(type, message, settings.externalExecutionId());
        } catch (ReportException e) {
            recordExisting(e, settings);
            throw e;
        }
        record(ResultRecord.FAILURE, settings.jobId());
        log.info(PREFIX + "reported the failure of job " + settings.jobId() + " (" + type + ", " + message.length()
                + " characters) in " + (System.nanoTime() - start) / 1_000_000 + " ms.");
    }

    /** Sends one success report, or in a dry run prints exactly what would be sent. */
    public void reportSuccess(ReportSettings settings, SuccessDetails details) throws ReportException {
        warn(settings);
        for (String warning : details.warnings()) {
            log.warn(PREFIX + warning);
        }
        if (settings.dryRun()) {
            log.info(PREFIX + "dry run (codepipeline.dryRun=true): nothing is sent. " + settings.actionOwner().successCall()
                    + " would be:");
            printJob(settings);
            printIfSet("summary:              ", details.summary());
            printIfSet("percent complete:     ", details.percentComplete() == null ? null : details.percentComplete().toString());
            printIfSet("revision:             ", details.revision());
            printIfSet("change identifier:    ", details.changeIdentifier());
            printIfSet("revision summary:     ", details.revisionSummary());
            printIfSet("revision created:     ", details.revisionCreated() == null ? null : details.revisionCreated().toString());
            printIfSet("continuation token:   ", details.continuationToken());
            for (Map.Entry<String, String> variable : details.outputVariables().asMap().entrySet()) {
                log.info("  output variable:       " + variable.getKey() + " = " + variable.getValue());
            }
            return;
        }
        long start = System.nanoTime();
        try (CodePipelineJobClient client = open(settings)) {
            client.putSuccess(details, settings.externalExecutionId());
        } catch (ReportException e) {
            recordExisting(e, settings);
            throw e;
        }
        int variables = details.outputVariables().asMap().size();
        record(ResultRecord.SUCCESS, settings.jobId());
        log.info(PREFIX + "reported the success of job " + settings.jobId() + " in " + (System.nanoTime() - start) / 1_000_000
                + " ms" + (variables == 0 ? "" : " with " + (variables == 1 ? "1 output variable" : variables + " output variables")
                        + " (" + String.join(", ", details.outputVariables().asMap().keySet()) + ")")
                + (details.continuationToken() != null ? " (to be continued)." : "."));
    }

    /** Reads the job's details; {@code null} in a dry run, which only says what it would call. */
    public JobDetails jobDetails(ReportSettings settings) throws ReportException {
        warn(settings);
        if (settings.dryRun()) {
            log.info(PREFIX + "dry run (codepipeline.dryRun=true): " + settings.actionOwner().detailsCall() + " is not called for:");
            printJob(settings);
            return null;
        }
        try (CodePipelineJobClient client = open(settings)) {
            return client.jobDetails();
        }
    }

    /**
     * Records what this build reported in {@code file} (the job worker's {@code CODEPIPELINE_RESULT_FILE}), or
     * nothing when {@code null}; see {@link ResultRecord}.
     */
    public JobCalls recordingTo(Path file) {
        this.resultFile = file;
        return this;
    }

    /** Appends {@code kind value} to the result file, if there is one. */
    void record(String kind, String value) {
        ResultRecord.write(resultFile, kind, value, log);
    }

    private void recordExisting(ReportException e, ReportSettings settings) {
        if (e.isWarning()) { // the job has a result already: the worker must not try again
            record(ResultRecord.EXISTS, settings.jobId());
        }
    }

    private void warn(ReportSettings settings) {
        for (String warning : settings.warnings()) {
            log.warn(PREFIX + warning);
        }
    }

    private CodePipelineJobClient open(ReportSettings settings) throws ReportException {
        if (!SdkLogging.quiet()) {
            log.warn(PREFIX + "the AWS SDK's debug output is on (logger " + SdkLogging.SDK_LOGGER + "), and it includes"
                    + " request headers such as the AWS session token. Set that logger's level to INFO.");
        }
        CodePipelineJobClient client = CodePipelineJobClient.create(settings, secrets, accessKeys);
        // DEBUG, not INFO: a report stays one INFO line; -X (what one runs to find out why) names the source.
        log.debug(PREFIX + "signing with " + client.credentialSource() + ".");
        return client;
    }

    private void printJob(ReportSettings settings) {
        log.info("  job ID:                " + (settings.jobId() == null ? "(not set)" : settings.jobId()));
        if (settings.actionOwner().usesClientToken()) {
            log.info("  client token:          " + (settings.clientToken() == null ? "(not set: a real call would fail)" : "(set, not shown)"));
        } else {
            log.info("  client token:          (none: a custom action's calls take none)");
        }
        printIfSet("external execution ID: ", settings.externalExecutionId());
    }

    private void printIfSet(String label, String value) {
        if (value != null) {
            log.info("  " + label + value);
        }
    }

    private void printDryRun(ReportSettings settings, FailureType type, String message) {
        log.info(PREFIX + "dry run (codepipeline.dryRun=true): nothing is sent. " + settings.actionOwner().failureCall()
                + " would be:");
        printJob(settings);
        log.info("  failure type:          " + type);
        log.info("  message (" + message.length() + " characters):");
        for (String line : message.split("\n", -1)) {
            log.info("  | " + line);
        }
    }
}
