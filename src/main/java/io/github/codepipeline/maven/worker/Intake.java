package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.report.JobCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    /**
     * Looks up the token, reads the details, checks, acknowledges and starts the build of one polled job; whether it was
     * taken. A job whose result could not even be reported is left alone (not acknowledged); a job that cannot be built
     * is acknowledged and failed at once ({@link JobCheck}); a job whose acknowledgement answers another status than
     * {@code InProgress} is not built.
     */
    private boolean take(Job job) {
        if (!job.owner.equals(ActionType.CUSTOM)) {
            worker.refreshTokens();
            job.clientToken = worker.tokens.token(job.clientId);
            if (job.clientToken == null) {
                if (remember(job.id)) {
                    worker.log.error(JobCalls.PREFIX + "job " + job.shownId() + " has the client ID " + Shown.of(job.clientId)
                            + ", which is not in " + worker.settings.clientTokens + ": left alone. Add a line "
                            + Shown.of(job.clientId) + "=<client token> to build such jobs.");
                }
                return false;
            }
            try {
                worker.queue.details(job);
            } catch (JobQueue.CallException e) {
                worker.log.error(JobCalls.PREFIX + "could not read the details of job " + job.shownId() + " (client ID "
                        + Shown.of(job.clientId) + "), left alone: " + masked(job, e.getMessage()));
                return false;
            }
        }
        String unreportable = JobCheck.unreportable(worker, job);
        if (unreportable != null) {
            if (remember(job.id)) {
                worker.log.error(JobCalls.PREFIX + "job " + job.shownId() + " cannot be reported, so it is left alone (not"
                        + " acknowledged): " + masked(job, unreportable));
            }
            return false;
        }
        JobCheck.Problem problem = JobCheck.unbuildable(job);
        // The workspace and its marker come before the acknowledgement: a worker that dies once it was sent leaves
        // a workspace the next worker recovers (Recovery), never an acknowledged job that nobody knows of.
        Workspace workspace = reserve(job);
        if (workspace == null) {
            return false;
        }
        String status;
        try {
            status = worker.queue.acknowledge(job);
        } catch (JobQueue.CallException e) {
            if (e.unanswered) { // it may have been taken: the job is failed rather than left without a result
                worker.log.error(JobCalls.PREFIX + "the acknowledgement of job " + job.shownId() + " got no answer, so the"
                        + " job may be this worker's now: not built, its failure reported. " + masked(job, e.getMessage()));
                worker.launch(job, new JobCheck.Problem(FailureType.JobFailed, "The job worker acknowledged this job but got"
                        + " no answer from CodePipeline (" + e.getMessage() + "), so it did not build it: run the pipeline"
                        + " again."), workspace);
                return true;
            }
            release(workspace);
            worker.log.error(JobCalls.PREFIX + "could not acknowledge job " + job.shownId() + ", left alone: "
                    + masked(job, e.getMessage()));
            return false;
        }
        if (status == null) {
            release(workspace);
            worker.log.info(JobCalls.PREFIX + "job " + job.shownId() + " was not acknowledged (InvalidNonceException: another"
                    + " worker took it, or it is no longer waiting): not built.");
            return false;
        }
        if (!status.isEmpty() && !status.equals("InProgress")) {
            release(workspace);
            worker.log.warn(JobCalls.PREFIX + "job " + job.shownId() + " was acknowledged with the status " + Shown.of(status)
                    + ", not InProgress: not built and not reported (CodePipeline has it in that state).");
            return false;
        }
        worker.launch(job, problem, workspace);
        return true;
    }

    /**
     * A fresh workspace for the job, marked as this worker's, or {@code null} (one line) when there is one already (a
     * dead worker's, still being recovered: the job comes back with a later poll) or none can be made.
     */
    private Workspace reserve(Job job) {
        Path directory = worker.settings.workDirectory.resolve(Workspace.name(job.id));
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            if (remember(job.id)) {
                worker.log.warn(JobCalls.PREFIX + "job " + job.shownId() + " has a workspace in " + worker.settings.workDirectory
                        + " already (a dead worker's, being recovered?): left alone for now.");
            }
            return null;
        }
        try {
            return Workspace.create(worker.settings.workDirectory, job, worker.buildUser);
        } catch (IOException | RuntimeException e) {
            worker.log.error(JobCalls.PREFIX + "could not make a workspace for job " + job.shownId() + " in "
                    + worker.settings.workDirectory + " (" + e.getClass().getSimpleName() + "), left alone (not acknowledged).");
            return null;
        }
    }

    private void release(Workspace workspace) {
        try {
            workspace.delete();
        } catch (IOException e) {
            worker.log.warn(JobCalls.PREFIX + "could not delete the workspace " + workspace.directory + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }

    private String masked(Job job, String text) {
        return Shown.of(worker.secrets.and(job.secrets().toArray(new String[0])).redact(String.valueOf(text)), 1000);
    }

    private boolean remember(String jobId) {
        if (passed.size() >= 10_000) {
            passed.remove(passed.iterator().next());
        }
        return passed.add(jobId);
    }
}
