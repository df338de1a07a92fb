package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.report.JobCalls;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builds the worker runs: each turn of the loop gives each its turn ({@link #tick}); on the way out they are stopped
 * and seen to their ends ({@link #shutDown}). The worker's thread owns the list; {@link #killAll} may come from the
 * shutdown hook's thread.
 */
final class Runs {
    private final Worker worker;
    private final List<JobRun> running = new ArrayList<>();
    /** The running builds, for {@link #killAll()} on the shutdown hook's thread. */
    private final Set<JobRun> alive = ConcurrentHashMap.newKeySet();

    Runs(Worker worker) {
        this.worker = worker;
    }

    void add(JobRun run) {
        running.add(run);
        alive.add(run);
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    int size() {
        return running.size();
    }

    /** One turn for each running build; whether any ended. */
    boolean tick(long now) {
        boolean ended = false;
        for (Iterator<JobRun> it = running.iterator(); it.hasNext(); ) {
            JobRun run = it.next();
            boolean done;
            try {
                done = run.tick(now);
            } catch (RuntimeException e) { // a bug: this job ends, the others go on
                run.crashed(e);
                done = false;
            }
            if (done) {
                it.remove();
                alive.remove(run);
                ended = true;
            }
        }
        return ended;
    }

    /** The builds started and not ended, from any thread. */
    Collection<Build> builds() {
        List<Build> builds = new ArrayList<>();
        for (JobRun run : alive) {
            Build build = run.build();
            if (build != null) {
                builds.add(build);
            }
        }
        return builds;
    }

    /** {@code SIGKILL} to every build still running: for a worker whose thread is stuck while the JVM ends. */
    void killAll() {
        for (JobRun run : alive) {
            run.kill();
        }
    }

    /**
     * Stops the builds (SIGTERM), waits up to shutdownTimeout for them to end and report, kills and reports the rest. For
     * a worker asked to stop, and for one that ends on an error while builds run ({@code why}: how each job's failure
     * message explains its end). A job whose turn fails (a bug) is killed and left, so that the others still end.
     */
    void shutDown(JobRun.Stop why) {
        WorkerSettings settings = worker.settings;
        if (!running.isEmpty()) {
            String stopping = why == JobRun.Stop.WORKER_FAILED ? "job worker ending on an error" : "job worker stopping";
            worker.log.warn(JobCalls.PREFIX + stopping + ": no more polling; stopping " + running.size()
                    + (running.size() == 1 ? " build" : " builds") + " (SIGTERM) and waiting up to "
                    + WorkerSettings.duration(settings.shutdownTimeoutSeconds) + " (codepipeline.shutdownTimeout).");
        } else {
            worker.log.info(JobCalls.PREFIX + "job worker stopping: no build running.");
        }
        long now = System.currentTimeMillis();
        for (JobRun run : running) {
            run.terminate(why, now);
        }
        long deadline = now + settings.shutdownTimeoutSeconds * 1000;
        while (!running.isEmpty()) {
            now = System.currentTimeMillis();
            if (now >= deadline) {
                for (JobRun run : running) {
                    run.kill();
                }
            }
            for (Iterator<JobRun> it = running.iterator(); it.hasNext(); ) {
                JobRun run = it.next();
                if (now >= deadline && run.isAlive()) {
                    sleep(50);
                }
                boolean ended;
                try {
                    ended = run.tick(now);
                } catch (RuntimeException e) {
                    run.crashed(e);
                    ended = false;
                }
                if (ended) {
                    it.remove();
                    alive.remove(run);
                }
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
