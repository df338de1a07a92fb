package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.client.JobDetails;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.client.SdkLogging;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.client.JobFile;
import io.github.codepipeline.maven.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    private Path jobFile;

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
        if (resultFile != null) {
            hand(settings, "failure", ResultRecord.line(ResultRecord.FAILURE, settings.jobId(), type.name(), message,
                    settings.externalExecutionId()));
            log.info(PREFIX + "handed the failure of job " + settings.jobId() + " (" + type + ", " + message.length()
                    + " characters) to the job worker, which reports it.");
            return;
        }
        long start = System.nanoTime();
        log.debug(PREFIX + "reporting the failure of job " + settings.jobId() + " with " + settings);
        try (CodePipelineJobClient client = open(settings)) {
            client.putFailure(type, message, settings.externalExecutionId());
        }
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
        if (resultFile != null) {
            handSuccess(settings, details);
            return;
        }
        long start = System.nanoTime();
        try (CodePipelineJobClient client = open(settings)) {
            client.putSuccess(details, settings.externalExecutionId());
        }
        int variables = details.outputVariables().asMap().size();
        log.info(PREFIX + "reported the success of job " + settings.jobId() + " in " + (System.nanoTime() - start) / 1_000_000
                + " ms" + (variables == 0 ? "" : " with " + (variables == 1 ? "1 output variable" : variables + " output variables")
                        + " (" + String.join(", ", details.outputVariables().asMap().keySet()) + ")")
                + (details.continuationToken() != null ? " (to be continued)." : "."));
    }

    /**
     * Reads the job's details; {@code null} in a dry run, which only says what it would call. Under the job worker, from
     * the job file it wrote ({@link JobFile}), without a call.
     */
    public JobDetails jobDetails(ReportSettings settings) throws ReportException {
        warn(settings);
        if (settings.dryRun()) {
            log.info(PREFIX + "dry run (codepipeline.dryRun=true): " + settings.actionOwner().detailsCall() + " is not called for:");
            printJob(settings);
            return null;
        }
        if (jobFile != null) {
            log.debug(PREFIX + "reading job " + settings.jobId() + " from the job worker's job file " + jobFile + ".");
            return JobFile.read(jobFile, settings.jobId());
        }
        try (CodePipelineJobClient client = open(settings)) {
            return client.jobDetails();
        }
    }

    /**
     * Under the job worker: hands results to it in {@code resultFile} (its {@code CODEPIPELINE_RESULT_FILE}; see
     * {@link ResultRecord}) instead of calling CodePipeline, and reads the job's details from {@code jobFile} (its
     * {@code CODEPIPELINE_JOB_FILE}) instead of {@code GetJobDetails}. Either may be {@code null}: no worker.
     */
    public JobCalls underWorker(Path resultFile, Path jobFile) {
        this.resultFile = resultFile;
        this.jobFile = jobFile;
        return this;
    }

    /** Whether results go to the job worker's result file rather than to CodePipeline. */
    public boolean handsToWorker() {
        return resultFile != null;
    }

    /** Records an uploaded output artifact in the result file, if there is one (a warning when that fails). */
    void recordOutput(String artifact) {
        if (resultFile == null) {
            return;
        }
        try {
            ResultRecord.append(resultFile, ResultRecord.line(ResultRecord.OUTPUT, artifact));
        } catch (IOException | RuntimeException e) {
            log.warn(PREFIX + "could not tell the job worker that the output artifact " + artifact + " was uploaded ("
                    + e.getClass().getSimpleName() + "); without a result from this build the worker reports its failure.");
        }
    }

    private void handSuccess(ReportSettings settings, SuccessDetails details) throws ReportException {
        if (details.revision() != null) {
            log.warn(PREFIX + "the current revision (" + details.revision() + ") is not handed to the job worker: the result"
                    + " file (" + ResultRecord.HEADER + ") has no field for it; the success is reported without it.");
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> variable : details.outputVariables().asMap().entrySet()) {
            lines.add(ResultRecord.line(ResultRecord.VARIABLE, variable.getKey(), variable.getValue()));
        }
        lines.add(ResultRecord.line(ResultRecord.SUCCESS, settings.jobId(), details.summary(), settings.externalExecutionId(),
                details.percentComplete() == null ? null : details.percentComplete().toString(), details.continuationToken()));
        hand(settings, "success", lines.toArray(new String[0]));
        int variables = details.outputVariables().asMap().size();
        log.info(PREFIX + "handed the success of job " + settings.jobId() + " to the job worker, which reports it"
                + (variables == 0 ? "" : " with " + (variables == 1 ? "1 output variable" : variables + " output variables")
                        + " (" + String.join(", ", details.outputVariables().asMap().keySet()) + ")")
                + (details.continuationToken() != null ? " (to be continued)." : "."));
    }

    /** Appends the records of a result to the result file; a failure to is one clear line. */
    private void hand(ReportSettings settings, String what, String... lines) throws ReportException {
        try {
            ResultRecord.append(resultFile, lines);
        } catch (IOException | RuntimeException e) {
            throw new ReportException("Could not hand the " + what + " of job " + settings.jobId() + " to the job worker"
                    + " (its result file, " + Setting.RESULT_FILE.environment().get(0) + ": " + e.getClass().getSimpleName()
                    + "); the worker reports the build's failure instead.", false);
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
