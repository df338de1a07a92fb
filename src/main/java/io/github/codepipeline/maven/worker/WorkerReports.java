package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.message.Text;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Result reporting: the worker's own reports for one job, through the same {@link JobCalls} as the goals' (the owner's
 * call, time limits, retries, redaction). Each returns how the job ended, for the "job ended" line.
 */
final class WorkerReports {
    static final int MAX_MESSAGE = 5000;

    private final Worker worker;
    private final Job job;
    private final Secrets secrets;
    private final ReportLog log;
    private final String prefix;

    WorkerReports(Worker worker, Job job, Secrets secrets, ReportLog log, String prefix) {
        this.worker = worker;
        this.job = job;
        this.secrets = secrets;
        this.log = log;
        this.prefix = prefix;
    }

    JobCalls calls() {
        return new JobCalls(log, secrets, worker.accessKeys);
    }

    /**
     * {@code PutJobFailureResult} or {@code PutThirdPartyJobFailureResult} with {@code message}, cleaned, masked and cut
     * to the API's limit; {@code ended} says how the job ended when the report is made.
     */
    String reportFailure(String message, String ended) {
        return reportFailure(FailureType.JobFailed, message, worker.sources(job), ended);
    }

    /** A failure of {@code type} with the settings {@code sources} (what the build handed over, {@link ResultHandoff}). */
    String reportFailure(FailureType type, String message, SettingSources sources, String ended) {
        String text = Text.truncate(Text.clean(secrets.redact(message)), MAX_MESSAGE);
        try {
            calls().report(ReportSettings.resolve(sources), type, text);
            return ended;
        } catch (ReportException | InvalidSettingException e) {
            return reportFailed(e, "failure", "failed; the worker's report failed too");
        }
    }

    /**
     * The worker's own success report ({@code PutJobSuccessResult} or {@code PutThirdPartyJobSuccessResult}). A custom
     * action's carries the output variable {@code INPUT_REVISION} when the job's input has a revision: the worker reads
     * no pom, so it knows no {@code PROJECT_VERSION}; {@code codepipeline.outputVariables} given to the worker wins.
     */
    String reportSuccess(String summary) {
        try {
            SettingSources sources = worker.sources(job);
            ReportSettings settings = ReportSettings.resolve(sources);
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put(OutputVariables.INPUT_REVISION, job.inputRevision);
            calls().reportSuccess(settings, SuccessDetails.resolve(sources, summary, settings.actionOwner(), variables));
            return "succeeded, reported by the worker (exit status 0)";
        } catch (ReportException | InvalidSettingException e) {
            return reportFailed(e, "success", "succeeded; the worker's report failed");
        }
    }

    /** A success the build handed over, resolved and checked by the caller ({@link ResultHandoff#report}). */
    String reportSuccess(ReportSettings settings, SuccessDetails details, String ended) {
        try {
            calls().reportSuccess(settings, details);
            return ended;
        } catch (ReportException e) {
            return reportFailed(e, "success", "succeeded; the worker's report failed");
        }
    }

    /**
     * The worker's report of the job's {@code what} failed: a job with a result already keeps it (the one result it may
     * have, one WARN line); else one ERROR line, and the job ended with {@code outcome}.
     */
    private String reportFailed(Exception e, String what, String outcome) {
        if (e instanceof ReportException && ((ReportException) e).isWarning()) {
            log.warn(JobCalls.PREFIX + prefix + e.getMessage());
            return "had a result already";
        }
        log.error(JobCalls.PREFIX + prefix + "could not report the " + what + " of job " + job.id + ": " + e.getMessage());
        return outcome;
    }
}
