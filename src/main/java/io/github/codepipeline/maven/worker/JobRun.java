package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.client.JobFile;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.message.Text;
import io.github.codepipeline.maven.report.ArtifactCalls;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One acknowledged job, from its workspace to its one result. Its calls (the inputs' download, the report) run on a
 * thread of its own ({@link Worker#background}); the worker's thread only gives it turns ({@link #tick}): prints its
 * output with the job's prefix, stops it at the time limit, stops what it left running when it ends. Whatever fails
 * while it runs (a bug included) ends this job alone, with a failure reported for it when it has no result yet.
 * Its result is what the build handed over ({@link ResultHandoff}), else the worker's own.
 */
final class JobRun {
    static final long KILL_GRACE_MILLIS = 10_000;
    /** How long the processes a build left running get between SIGTERM and SIGKILL. */
    static final long LEFTOVER_GRACE_MILLIS = 5_000;
    /** How long the output may stay open after the build's processes are gone (a process nobody can see holds it). */
    static final long OUTPUT_GRACE_MILLIS = 2_000;
    /**
     * How long after its end a build's leftovers may hold up its result: SIGKILL does not stop a process that keeps
     * starting new ones faster than the worker's turns see them, and the job must still get its result.
     */
    static final long LEFTOVER_LIMIT_MILLIS = LEFTOVER_GRACE_MILLIS + 5_000;
    static final int MAX_MESSAGE = WorkerReports.MAX_MESSAGE;

    enum Stop { TIME_LIMIT, WORKER_STOPPED, WORKER_FAILED }

    private enum Phase { PREPARING, RUNNING, ENDING, REPORTING, DONE }

    private final Worker worker;
    final Job job;
    private final Secrets secrets;
    private final ReportLog log;
    private final String prefix;
    private final WorkerReports reports;
    private final JobCheck.Problem problem;
    private final long startMillis = System.currentTimeMillis();
    private volatile Phase phase = Phase.PREPARING;
    /** Made and marked before the acknowledgement ({@link Intake}). */
    private final Workspace workspace;
    private volatile List<String> command;
    private volatile Build build;
    private volatile Stop stop;
    private long terminatedAt;
    private boolean killed;
    private long endedAt;
    private boolean leftoversKilled;
    private int leftoversSeen = -1;
    private volatile String result;
    private volatile boolean crashed;

    JobRun(Worker worker, Job job, JobCheck.Problem problem, Workspace workspace) {
        this.worker = worker;
        this.job = job;
        this.problem = problem;
        this.workspace = workspace;
        Secrets all = worker.secrets.and(job.secrets(worker.secretProperties).toArray(new String[0]));
        this.secrets = job.details == null ? all : job.details.secrets(all);
        this.log = new RedactingLog(worker.log, secrets);
        this.prefix = "[job " + Shown.of(job.id.length() > 8 ? job.id.substring(0, 8) : job.id) + "] ";
        this.reports = new WorkerReports(worker, job, secrets, log, prefix);
    }

    /** Starts the job: its preparation (workspace, inputs, the build's start) runs on the job's own thread. */
    void begin() {
        log.info(JobCalls.PREFIX + "job started: " + job.describe());
        worker.background(() -> guarded(this::prepare));
    }

    /**
     * Makes the workspace, downloads the inputs and starts the build; when any of that fails, or the job cannot be
     * built at all ({@link JobCheck}), reports the failure at once.
     */
    private void prepare() {
        if (problem != null) {
            log.error(JobCalls.PREFIX + prefix + "not built: " + problem.message);
            result = reports.reportFailure(problem.type, problem.message, "failed, reported by the worker (not built)");
            end();
            return;
        }
        String failure;
        try {
            if (!job.inputs.isEmpty()) {
                SettingSources sources = worker.sources(job);
                new ArtifactCalls(reports.calls(), log, secrets).download(ReportSettings.resolve(sources),
                        ArtifactSettings.resolve(sources), workspace.source);
            }
            command = BuildCommand.command(worker, workspace);
            if (job.details != null) {
                JobFile.write(workspace.job, job.id, job.owner, job.details);
            }
            workspace.handOver(worker.buildUser);
            if (stop != null) {
                failure = "The job worker was stopped before the build started.";
            } else {
                log.info(JobCalls.PREFIX + prefix + "running " + String.join(" ", command) + " in " + workspace.source);
                Map<String, String> environment = BuildCommand.environment(worker, job, workspace, log, prefix);
                if (worker.buildUser != null) {
                    environment.put("HOME", worker.buildUser.home);
                    environment.put("USER", worker.buildUser.name);
                    environment.put("LOGNAME", worker.buildUser.name);
                }
                build = Build.start(command, workspace.source, environment, workspace.log, secrets, worker.launch());
                if (stop != null) {
                    // terminate() came after the check above but before build was set: it could not signal the build.
                    build.terminate();
                }
                try {
                    workspace.markBuild(build);
                } catch (IOException e) { // the build runs: it is supervised and reported as any other
                    log.warn(JobCalls.PREFIX + prefix + "could not note the build in the workspace's marker ("
                            + e.getClass().getSimpleName() + "): a worker that recovers this workspace cannot stop it.");
                }
                phase = Phase.RUNNING;
                return;
            }
        } catch (ReportException | ArtifactException | InvalidSettingException e) {
            failure = "The job worker could not prepare the build: " + e.getMessage();
        } catch (IOException e) {
            failure = "The job worker could not " + (command == null ? "prepare the workspace " : "start the build ")
                    + (command == null ? "" : String.join(" ", command) + " ") + "(" + e.getClass().getSimpleName() + ": "
                    + Text.firstLine(String.valueOf(e.getMessage())) + ").";
        }
        log.error(JobCalls.PREFIX + prefix + Shown.of(failure, MAX_MESSAGE));
        reportFailure(failure);
        end();
    }

    /**
     * One turn on the worker's thread: prints new output, enforces the time limit, stops what an ended build left
     * running; {@code true} once the job has ended and has its result. Never blocks on a call.
     */
    boolean tick(long now) {
        if (crashed) {
            return phase == Phase.DONE;
        }
        Phase at = phase;
        if (at == Phase.DONE) {
            return true;
        }
        if (at == Phase.PREPARING || at == Phase.REPORTING) {
            return false;
        }
        build.print(line -> log.info(prefix + line));
        if (at == Phase.RUNNING) {
            build.watch();
            if (!build.mainAlive()) {
                phase = Phase.ENDING;
                endedAt = now;
                return false;
            }
            if (stop == null && build.elapsedMillis() >= worker.settings.jobTimeoutSeconds * 1000) {
                log.warn(JobCalls.PREFIX + prefix + "the build reached the time limit of "
                        + WorkerSettings.duration(worker.settings.jobTimeoutSeconds) + " (codepipeline.jobTimeout): stopping"
                        + " it (SIGTERM, then SIGKILL after " + KILL_GRACE_MILLIS / 1000 + " s).");
                terminate(Stop.TIME_LIMIT, now);
            }
            if (stop == Stop.TIME_LIMIT && !killed && now - terminatedAt >= KILL_GRACE_MILLIS) {
                kill();
            }
            return false;
        }
        // ENDING: the build's first process has ended; what it left running is stopped before its result
        List<ProcessTable.Proc> left = build.leftovers();
        if (!left.isEmpty()) {
            if (leftoversSeen < 0) {
                leftoversSeen = left.size();
                log.warn(JobCalls.PREFIX + prefix + "the build ended but left " + left.size()
                        + (left.size() == 1 ? " process" : " processes") + " running (PID " + joined(left) + "): stopping "
                        + (left.size() == 1 ? "it" : "them") + " (SIGTERM, then SIGKILL after " + LEFTOVER_GRACE_MILLIS / 1000
                        + " s).");
                build.stopLeftovers(false);
            } else if (!leftoversKilled && now - endedAt >= LEFTOVER_GRACE_MILLIS) {
                leftoversKilled = true;
                build.stopLeftovers(true);
            } else if (leftoversKilled && now - endedAt >= LEFTOVER_GRACE_MILLIS + 1000) {
                build.stopLeftovers(true); // again: a process that forked meanwhile
            }
            if (now - endedAt < LEFTOVER_LIMIT_MILLIS) {
                return false;
            }
            log.warn(JobCalls.PREFIX + prefix + "the build's processes could not all be stopped in "
                    + LEFTOVER_LIMIT_MILLIS / 1000 + " s (new ones keep starting; PID " + joined(left) + " still running):"
                    + " reporting its result; set codepipeline.buildUser so that every process of a build can be stopped.");
        }
        if (!build.outputDone() && now - endedAt < LEFTOVER_GRACE_MILLIS + OUTPUT_GRACE_MILLIS) {
            return false;
        }
        build.printEnd(line -> log.info(prefix + line));
        if (!build.outputDone()) {
            log.warn(JobCalls.PREFIX + prefix + "the build's output is still open, held by a process the worker cannot see;"
                    + " the output after this point is not read.");
        }
        phase = Phase.REPORTING;
        worker.background(() -> guarded(this::finish));
        return false;
    }

    private static String joined(List<ProcessTable.Proc> procs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < procs.size() && i < 10; i++) {
            out.append(i == 0 ? "" : ", ").append(procs.get(i));
        }
        return procs.size() > 10 ? out + ", \u2026" : out.toString();
    }

    void terminate(Stop why, long now) {
        if (stop == null) {
            stop = why;
            terminatedAt = now;
            Build running = build;
            if (running != null) {
                running.terminate();
            }
        }
    }

    void kill() {
        killed = true;
        Build running = build;
        if (running != null) {
            running.kill();
        }
    }

    /** The build, once started; else {@code null}. */
    Build build() {
        return build;
    }

    /** Whether the job has not ended yet (its build, what it left, or its report). */
    boolean isAlive() {
        return phase != Phase.DONE;
    }

    /**
     * Runs {@code step} of the job; whatever it throws ends this job alone: one escaped, masked line, its build killed,
     * and a failure reported unless the job has its result.
     */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            crashed(e); // what ran out of memory is garbage by now: the job ends, the worker goes on
        }
    }

    /** Ends this job after {@code e} (a bug), from whichever thread saw it. */
    void crashed(Throwable e) {
        synchronized (this) {
            if (crashed) {
                return;
            }
            crashed = true;
        }
        StackTraceElement[] where = e.getStackTrace();
        String at = where.length == 0 ? "" : " at " + where[0].getFileName() + ":" + where[0].getLineNumber();
        log.error(JobCalls.PREFIX + prefix + "the job worker failed on job " + job.shownId() + " (" + e.getClass().getName()
                + at + "): " + Shown.of(secrets.redact(String.valueOf(e.getMessage())), 300) + "; this job ends, the worker goes on.");
        kill();
        if (result == null) {
            String message = "The job worker failed on this job (" + e.getClass().getSimpleName() + ") and ended it.";
            worker.background(() -> {
                try {
                    reportFailure(message);
                } catch (RuntimeException again) {
                    result = "failed; the worker's report failed too (" + again.getClass().getSimpleName() + ")";
                }
                end();
            });
        } else {
            end();
        }
    }

    /**
     * The build has ended: reports the result it handed over ({@link ResultHandoff}), else its failure or, for a build
     * that exited 0 having uploaded every output, its success; then removes the workspace.
     */
    private void finish() {
        int status = build.exitValue();
        ResultHandoff.Result handed = ResultHandoff.read(workspace.result, job.id, log, prefix);
        if (handed.kind != ResultHandoff.Kind.NOTHING) {
            result = ResultHandoff.report(handed, Build.describeExit(status), worker.sources(job, handed.properties()),
                    worker.sources(job), reports);
        } else if (status == 0 && stop == null) {
            List<String> missing = new ArrayList<>(job.outputs);
            missing.removeAll(handed.outputs);
            if (missing.isEmpty()) {
                result = reports.reportSuccess("Built by the job worker: " + BuildCommand.shown(worker, command)
                        + " exited with status 0.");
            } else {
                reportFailure("The build exited with status 0 but did not upload the output artifact"
                        + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " that the job expects: add the"
                        + " plugin's upload-output goal to the build (see the \"Artifacts\" page of the plugin's site).");
            }
        } else {
            reportFailure(FailureText.of(why(status), BuildCommand.shown(worker, command), build.tail(), secrets));
        }
        end();
    }

    private String why(int status) {
        if (stop == Stop.TIME_LIMIT) {
            return "it reached the time limit of " + WorkerSettings.duration(worker.settings.jobTimeoutSeconds)
                    + " (codepipeline.jobTimeout) and was stopped, " + Build.describeExit(status);
        } else if (stop == Stop.WORKER_STOPPED) {
            return "the job worker was stopped while it ran, " + Build.describeExit(status);
        } else if (stop == Stop.WORKER_FAILED) {
            return "the job worker ended on an error while it ran and stopped it, " + Build.describeExit(status);
        }
        return "it ended with " + Build.describeExit(status);
    }

    private void reportFailure(String message) {
        Build started = build;
        result = reports.reportFailure(FailureType.JobFailed, message, "failed, reported by the worker" + (started == null
                ? " (the build did not start)" : started.mainAlive() ? " (the build was killed)"
                        : " (" + Build.describeExit(started.exitValue()) + ")"));
    }

    private synchronized void end() {
        if (phase == Phase.DONE) {
            return;
        }
        log.info(JobCalls.PREFIX + "job ended: " + job.describe() + ", " + (System.currentTimeMillis() - startMillis) / 100 / 10.0
                + " s, result: " + result + ".");
        Workspace made = workspace;
        if (made != null) {
            if (worker.settings.keepWorkspaces) {
                made.markEnded();
                try {
                    made.reclaim(worker.buildUser);
                } catch (IOException e) {
                    log.warn(JobCalls.PREFIX + prefix + "could not take the kept workspace back from "
                            + worker.settings.buildUser + " (" + e.getClass().getSimpleName() + ").");
                }
                log.info(JobCalls.PREFIX + prefix + "kept the workspace " + made.directory + " (codepipeline.keepWorkspaces).");
            } else {
                try {
                    made.delete();
                } catch (IOException e) {
                    log.warn(JobCalls.PREFIX + prefix + "could not delete the workspace " + made.directory + " ("
                            + e.getClass().getSimpleName() + ").");
                }
            }
        }
        phase = Phase.DONE;
    }
}
