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
 * call, time limits, the SDK's retries, redaction), on the job's own thread. A report that fails for a reason that may
 * pass (HTTP 5xx, throttling, the network) is tried again with backoff (1 s doubling to 30 s) for as long as the job can
 * still take a result, at most {@code jobTimeout}, and while the worker stops at most until its shutdown ends. Each
 * returns how the job ended, for the "job ended" line.
 */
final class WorkerReports {
    static final int MAX_MESSAGE = 5000;
    static final long FIRST_BACKOFF_MILLIS = 1000;
    static final long MAX_BACKOFF_MILLIS = 30_000;

    private interface Call {
        void run() throws ReportException, InvalidSettingException;
    }

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
    String reportFailure(FailureType type, String message, String ended) {
        return reportFailure(type, message, worker.sources(job), ended);
    }

    /** A failure of {@code type} with the settings {@code sources}. */
    String reportFailure(FailureType type, String message, SettingSources sources, String ended) {
        String text = Text.truncate(Text.clean(secrets.redact(message)), MAX_MESSAGE);
        try {
            retried("failure", () -> calls().report(ReportSettings.resolve(sources), type, text));
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
            retried("success", () -> {
                SettingSources sources = worker.sources(job);
                ReportSettings settings = ReportSettings.resolve(sources);
                Map<String, String> variables = new LinkedHashMap<>();
                variables.put(OutputVariables.INPUT_REVISION, job.inputRevision);
                calls().reportSuccess(settings, SuccessDetails.resolve(sources, summary, settings.actionOwner(), variables));
            });
            return "succeeded, reported by the worker (exit status 0)";
        } catch (ReportException | InvalidSettingException e) {
            return reportFailed(e, "success", "succeeded; the worker's report failed");
        }
    }

    /** A success resolved and checked by the caller, with {@code settings} and {@code details}. */
    String reportSuccess(ReportSettings settings, SuccessDetails details, String ended) {
        try {
            retried("success", () -> calls().reportSuccess(settings, details));
            return ended;
        } catch (ReportException | InvalidSettingException e) {
            return reportFailed(e, "success", "succeeded; the worker's report failed");
        }
    }

    /** Makes {@code call}; again with backoff while it fails for a reason that may pass, up to the job's time limit. */
    private void retried(String what, Call call) throws ReportException, InvalidSettingException {
        long deadline = System.currentTimeMillis() + worker.settings.jobTimeoutSeconds * 1000;
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                if (attempt > 1) {
                    log.info(JobCalls.PREFIX + prefix + "the " + what + " of job " + job.shownId() + " was reported at attempt "
                            + attempt + ".");
                }
                return;
            } catch (ReportException e) {
                long now = System.currentTimeMillis();
                long until = Math.min(deadline, worker.reportDeadline());
                if (e.isWarning() || !e.isRetryable() || now + backoff > until) {
                    throw e;
                }
                String line = JobCalls.PREFIX + prefix + "could not report the " + what + " of job " + job.shownId() + " (attempt "
                        + attempt + "): " + e.getMessage() + " Trying again in " + backoff / 1000 + " s, for at most "
                        + WorkerSettings.duration(Math.max(1, (until - now) / 1000)) + " more.";
                if (attempt == 1) {
                    log.warn(line);
                } else {
                    log.debug(line);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
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
        log.error(JobCalls.PREFIX + prefix + "could not report the " + what + " of job " + job.shownId() + ": "
                + e.getMessage());
        return outcome;
    }
}
