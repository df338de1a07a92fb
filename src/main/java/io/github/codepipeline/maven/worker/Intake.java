package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Polling: one poll of the worker's {@link JobQueue} and, for each job it returned, the client token's look-up, the
 * partner job's details and the acknowledgement, before the worker starts the job's build ({@link Worker#launch}).
 */
final class Intake {
    private final Worker worker;
    /** Jobs left alone (unknown client ID) or refused: logged once each. */
    private final Set<String> passed = new LinkedHashSet<>();

    Intake(Worker worker) {
        this.worker = worker;
    }

    /**
     * One poll for up to {@code max} jobs and the jobs it returned; the wait until the next poll.
     *
     * @throws ReportException when polling cannot work at all (no such action type)
     */
    long poll(Pacing pacing, int max) throws ReportException {
        List<Job> jobs;
        try {
            jobs = worker.queue.poll(max);
        } catch (JobQueue.CallException e) {
            if (e.fatal) {
                throw new ReportException(e.getMessage(), false);
            }
            long wait = pacing.afterFailure();
            String message = JobCalls.PREFIX + "polling failed" + (e.throttled ? " (throttled)" : "") + ": " + e.getMessage();
            if (pacing.firstTime(e.getMessage())) {
                worker.log.warn(message + " Trying again in " + (wait + 500) / 1000 + " s, backing off up to "
                        + Pacing.MAX_BACKOFF_MILLIS / 60000 + " min while it lasts.");
            } else {
                worker.log.debug(message);
            }
            return wait;
        }
        if (pacing.failuresInARow() > 0) {
            worker.log.info(JobCalls.PREFIX + "polling works again.");
        }
        worker.log.debug(JobCalls.PREFIX + "polled " + worker.settings.actionType + " (up to " + max + "): " + jobs.size()
                + " jobs.");
        int taken = 0;
        for (Job job : jobs) {
            if (worker.isStopping()) {
                break; // not acknowledged: CodePipeline hands it to another worker
            }
            if (take(job)) {
                taken++;
            }
        }
        // At once again only when a job was taken: jobs left alone come back with the next poll, which must not spin.
        return pacing.afterSuccess(taken);
    }

    /** Looks up the token, reads the details, acknowledges and starts the build of one polled job; whether it was taken. */
    private boolean take(Job job) {
        if (!job.owner.equals(ActionType.CUSTOM)) {
            worker.refreshTokens();
            job.clientToken = worker.tokens.token(job.clientId);
            if (job.clientToken == null) {
                if (remember(job.id)) {
                    worker.log.error(JobCalls.PREFIX + "job " + job.id + " has the client ID " + job.clientId
                            + ", which is not in " + worker.settings.clientTokens + ": left alone. Add a line "
                            + job.clientId + "=<client token> to build such jobs.");
                }
                return false;
            }
            try {
                worker.queue.details(job);
            } catch (JobQueue.CallException e) {
                worker.log.error(JobCalls.PREFIX + "could not read the details of job " + job.id + " (client ID "
                        + job.clientId + "), left alone: " + worker.secrets.and(job.secrets().toArray(new String[0]))
                                .redact(e.getMessage()));
                return false;
            }
        }
        try {
            if (!worker.queue.acknowledge(job)) {
                worker.log.info(JobCalls.PREFIX + "job " + job.id + " was not acknowledged (InvalidNonceException: another"
                        + " worker took it, or it is no longer waiting): not built.");
                return false;
            }
        } catch (JobQueue.CallException e) {
            worker.log.error(JobCalls.PREFIX + "could not acknowledge job " + job.id + ", left alone: "
                    + worker.secrets.and(job.secrets().toArray(new String[0])).redact(e.getMessage()));
            return false;
        }
        worker.launch(job);
        return true;
    }

    private boolean remember(String jobId) {
        if (passed.size() >= 10_000) {
            passed.remove(passed.iterator().next());
        }
        return passed.add(jobId);
    }
}
