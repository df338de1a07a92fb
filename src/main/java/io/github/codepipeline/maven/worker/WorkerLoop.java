package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The worker's loop, on the worker's thread: it starts the jobs the poll thread acknowledged, gives the running builds
 * their turns ({@link Runs#tick}), starts the next poll ({@link Intake}, on a thread of its own) when a build slot is
 * free and the poll interval has passed, and ends on {@code maxJobsTotal}, {@code idleTimeout} or a stop. It makes no
 * call itself, and waits on one monitor that a finished poll and a stop wake.
 */
final class WorkerLoop {
    private static final long TICK_MILLIS = 250;

    private final Worker worker;
    private final Runs runs;
    private final Intake intake;
    private final HealthFile health;
    /** Jobs the poll thread acknowledged, for the worker's thread to start. */
    private final Queue<JobRun> launched = new ConcurrentLinkedQueue<>();
    private final Object wake = new Object();
    private volatile boolean stopped;
    private int started;

    WorkerLoop(Worker worker, Runs runs, HealthFile health) {
        this.worker = worker;
        this.runs = runs;
        this.intake = new Intake(worker);
        this.health = health;
    }

    /**
     * Runs the loop until it ends; when it ends on an error (a fatal poll error or a bug), no build is left running
     * unreported: they are stopped and reported as the worker's failure.
     */
    void run(Pacing pacing) throws ReportException {
        boolean ended = false;
        try {
            loop(pacing);
            ended = true;
        } finally {
            if (!ended) { // a fatal poll error or a bug: no build is left running unreported
                drain();
                if (!runs.isEmpty()) {
                    runs.shutDown(JobRun.Stop.WORKER_FAILED);
                }
            }
        }
    }

    private void loop(Pacing pacing) throws ReportException {
        WorkerSettings settings = worker.settings;
        long nextPoll = 0;
        long idleSince = System.currentTimeMillis();
        Future<Long> polling = null;
        while (true) {
            long now = System.currentTimeMillis();
            health.touch(now, worker.log);
            if (worker.isStopping()) {
                if (polling != null) {
                    waitFor(polling); // its jobs acknowledged meanwhile are started and stopped with the others
                }
                drain();
                runs.shutDown(JobRun.Stop.WORKER_STOPPED);
                return;
            }
            if (drain() > 0) {
                idleSince = now;
            }
            if (runs.tick(now)) {
                idleSince = now;
            }
            if (polling != null && polling.isDone()) {
                nextPoll = System.currentTimeMillis() + waitFor(polling);
                polling = null;
                if (drain() > 0 || !runs.isEmpty()) {
                    idleSince = System.currentTimeMillis();
                }
                continue;
            }
            boolean allStarted = settings.maxJobsTotal > 0 && started >= settings.maxJobsTotal;
            if (polling == null && allStarted && runs.isEmpty()) {
                worker.log.info(JobCalls.PREFIX + "job worker done: " + started + (started == 1 ? " job" : " jobs")
                        + " (codepipeline.maxJobsTotal).");
                return;
            }
            if (polling == null && runs.isEmpty() && settings.idleTimeoutSeconds > 0
                    && now - idleSince >= settings.idleTimeoutSeconds * 1000) {
                worker.log.info(JobCalls.PREFIX + "job worker done: no job for "
                        + WorkerSettings.duration(settings.idleTimeoutSeconds) + " (codepipeline.idleTimeout); " + started
                        + (started == 1 ? " job" : " jobs") + " built.");
                return;
            }
            int free = settings.maxJobs - runs.size();
            if (polling == null && !allStarted && free > 0 && now >= nextPoll) {
                int max = settings.maxJobsTotal > 0 ? Math.min(free, settings.maxJobsTotal - started) : free;
                polling = poll(pacing, max);
                continue;
            }
            long sleep = runs.isEmpty() && polling == null ? Math.max(1, Math.min(nextPoll - now, 1000)) : TICK_MILLIS;
            if (polling == null && free > 0) {
                sleep = Math.max(1, Math.min(sleep, nextPoll - now));
            }
            synchronized (wake) {
                if (!worker.isStopping() && launched.isEmpty() && (polling == null || !polling.isDone())) {
                    try {
                        wake.wait(sleep);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        worker.interrupted();
                    }
                }
            }
        }
    }

    /** One poll, on a thread of its own; the worker's thread is woken when it is done. */
    private Future<Long> poll(Pacing pacing, int max) {
        return worker.background(() -> {
            try {
                return intake.poll(pacing, max);
            } finally {
                synchronized (wake) {
                    wake.notifyAll();
                }
            }
        });
    }

    /** The wait until the next poll, once {@code polling} is done; rethrows a fatal poll error. */
    private long waitFor(Future<Long> polling) throws ReportException {
        try {
            return polling.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ReportException) {
                throw (ReportException) e.getCause();
            }
            worker.log.error(JobCalls.PREFIX + "polling failed on an error of the worker ("
                    + e.getCause().getClass().getName() + "); polling again after the poll interval.");
            return worker.settings.pollIntervalSeconds * 1000;
        }
    }

    /** Starts the jobs the poll thread acknowledged; how many. */
    private int drain() {
        int count = 0;
        for (JobRun run = launched.poll(); run != null; run = launched.poll()) {
            started++;
            count++;
            runs.add(run);
            run.begin();
            if (worker.isStopping()) {
                run.terminate(JobRun.Stop.WORKER_STOPPED, System.currentTimeMillis());
            }
        }
        return count;
    }

    /** Queues an acknowledged job for the worker's thread, which starts it at the loop's next turn. */
    void launch(JobRun run) {
        launched.add(run);
    }

    /** Marks the loop ended, for {@link #awaitEnd}; from the worker's thread, however {@code run} ended. */
    void ended() {
        stopped = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Wakes the loop (the worker stops) and waits until it has ended, at most until {@code deadline}; whether it has. */
    boolean awaitEnd(long deadline) {
        synchronized (wake) {
            wake.notifyAll();
            while (!stopped && System.currentTimeMillis() < deadline) {
                try {
                    wake.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        return stopped;
    }
}
