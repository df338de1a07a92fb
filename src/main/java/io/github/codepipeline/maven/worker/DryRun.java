package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;

/** What a worker in a dry run ({@code codepipeline.dryRun=true}) prints instead of polling: what it would do. */
final class DryRun {
    private DryRun() {}

    static void print(Worker worker) {
        WorkerSettings settings = worker.settings;
        ReportLog log = worker.log;
        ClientTokens tokens = worker.tokens;
        log.info(JobCalls.PREFIX + "dry run (codepipeline.dryRun=true): nothing is polled, acknowledged, built or reported."
                + " The job worker would:");
        log.info("  poll with " + (settings.actionType.isCustom() ? "PollForJobs" : "PollForThirdPartyJobs") + " for "
                + settings.actionType + ", every " + WorkerSettings.duration(settings.pollIntervalSeconds)
                + " (with jitter) while idle");
        if (!settings.actionType.isCustom()) {
            log.info("  look up client tokens in " + (settings.clientTokens == null ? "(codepipeline.clientTokens not set:"
                    + " a real run refuses to start)" : settings.clientTokens + " (" + tokens.size() + " client IDs)"));
        }
        log.info("  acknowledge each job (" + (settings.actionType.isCustom() ? "AcknowledgeJob" : "AcknowledgeThirdPartyJob")
                + "), unpack its inputs into a fresh workspace under " + settings.workDirectory);
        log.info("  run " + (settings.command == null ? "./mvnw -B -ntp verify (when the sources hold an executable mvnw), else "
                + worker.mavenCommand() + " -B -ntp verify" : String.join(" ", settings.command)) + ", at most " + settings.maxJobs
                + " at once, each for at most " + WorkerSettings.duration(settings.jobTimeoutSeconds));
        if (settings.buildUser != null) {
            log.info("  run each build as the user " + Shown.of(settings.buildUser) + " (setpriv; the worker must run as root)");
        }
        log.info("  report a result for each build that did not report one itself"
                + (settings.keepWorkspaces ? "; keep the workspaces" : "; then delete its workspace"));
        log.info("  end " + (settings.maxJobsTotal > 0 ? "after " + settings.maxJobsTotal + " jobs" : "")
                + (settings.maxJobsTotal > 0 && settings.idleTimeoutSeconds > 0 ? " or " : "")
                + (settings.idleTimeoutSeconds > 0 ? "after " + WorkerSettings.duration(settings.idleTimeoutSeconds) + " idle"
                        : settings.maxJobsTotal > 0 ? "" : "on SIGTERM or Ctrl-C only") + "; on SIGTERM or Ctrl-C, give builds "
                + WorkerSettings.duration(settings.shutdownTimeoutSeconds) + " to stop");
    }
}
