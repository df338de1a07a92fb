package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.client.JobFile;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.OutputVariables;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.config.SuccessDetails;
import io.github.codepipeline.maven.message.Text;
import io.github.codepipeline.maven.report.ArtifactCalls;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One acknowledged job, from its workspace to its one result: downloads the inputs in-process, starts the build, prints
 * its output with the job's prefix, stops it at the time limit, and when it ends reports its one result: what the build
 * handed over ({@link ResultHandoff}), else the worker's own. Driven by the worker's one thread ({@link #tick}).
 */
final class JobRun {
    static final long KILL_GRACE_MILLIS = 10_000;
    static final int MAX_MESSAGE = WorkerReports.MAX_MESSAGE;

    enum Stop { TIME_LIMIT, WORKER_STOPPED, WORKER_FAILED }

    private final Worker worker;
    final Job job;
    private final Secrets secrets;
    private final ReportLog log;
    private final String prefix;
    private final WorkerReports reports;
    private final long startMillis = System.currentTimeMillis();
    private Workspace workspace;
    private List<String> command;
    private Build build;
    private Stop stop;
    private long terminatedAt;
    private boolean killed;
    private String result;

    JobRun(Worker worker, Job job) {
        this.worker = worker;
        this.job = job;
        Secrets all = worker.secrets.and(job.secrets(worker.secretProperties).toArray(new String[0]));
        this.secrets = job.details == null ? all : job.details.secrets(all);
        this.log = new RedactingLog(worker.log, secrets);
        this.prefix = "[job " + (job.id.length() > 8 ? job.id.substring(0, 8) : job.id) + "] ";
        this.reports = new WorkerReports(worker, job, secrets, log, prefix);
    }

    /**
     * Makes the workspace, downloads the inputs and starts the build; when any of that fails, reports the failure at once.
     *
     * @return whether the build runs ({@link #tick} until it ends)
     */
    boolean start() {
        log.info(JobCalls.PREFIX + "job started: " + job.describe());
        String problem;
        try {
            workspace = Workspace.create(worker.settings.workDirectory, job.id);
            if (!job.inputs.isEmpty()) {
                SettingSources sources = worker.sources(job);
                new ArtifactCalls(reports.calls(), log, secrets).download(ReportSettings.resolve(sources),
                        ArtifactSettings.resolve(sources), workspace.source);
            }
            command = BuildCommand.command(worker, workspace);
            if (job.details != null) {
                JobFile.write(BuildCommand.jobFile(workspace), job.id, job.owner, job.details);
            }
            log.info(JobCalls.PREFIX + prefix + "running " + String.join(" ", command) + " in " + workspace.source);
            build = Build.start(command, workspace.source, BuildCommand.environment(worker, job, workspace, log, prefix), workspace.log,
                    secrets);
            return true;
        } catch (ReportException | ArtifactException | InvalidSettingException e) {
            problem = "The job worker could not prepare the build: " + e.getMessage();
        } catch (IOException e) {
            problem = "The job worker could not " + (command == null ? "prepare the workspace " : "start the build ")
                    + (command == null ? "" : String.join(" ", command) + " ") + "(" + e.getClass().getSimpleName() + ": "
                    + Text.firstLine(String.valueOf(e.getMessage())) + ").";
        }
        log.error(JobCalls.PREFIX + prefix + problem);
        reportFailure(problem);
        end();
        return false;
    }

    /** One turn: prints new output, enforces the time limit; {@code true} once the job has ended and has its result. */
    boolean tick(long now) {
        build.pump(line -> log.info(prefix + line));
        if (!build.isAlive()) {
            finish();
            return true;
        }
        if (stop == null && build.elapsedMillis() >= worker.settings.jobTimeoutSeconds * 1000) {
            log.warn(JobCalls.PREFIX + prefix + "the build reached the time limit of "
                    + WorkerSettings.duration(worker.settings.jobTimeoutSeconds) + " (codepipeline.jobTimeout): stopping it"
                    + " (SIGTERM, then SIGKILL after " + KILL_GRACE_MILLIS / 1000 + " s).");
            terminate(Stop.TIME_LIMIT, now);
        }
        if (stop == Stop.TIME_LIMIT && !killed && now - terminatedAt >= KILL_GRACE_MILLIS) {
            kill();
        }
        return false;
    }

    void terminate(Stop why, long now) {
        if (stop == null) {
            stop = why;
            terminatedAt = now;
            build.terminate();
        }
    }

    void kill() {
        killed = true;
        build.kill();
    }

    boolean isAlive() {
        return build.isAlive();
    }

    /**
     * The build has ended: reports the result it handed over ({@link ResultHandoff}), else its failure or, for a build
     * that exited 0 having uploaded every output, its success; then removes the workspace.
     */
    void finish() {
        build.pump(line -> log.info(prefix + line));
        int status = build.exitValue();
        ResultHandoff.Result handed = ResultHandoff.read(workspace.result, job.id, log, prefix);
        if (handed.kind != ResultHandoff.Kind.NOTHING) {
            result = ResultHandoff.report(handed, Build.describeExit(status), worker.sources(job, handed.properties()),
                    worker.sources(job), reports);
        } else if (status == 0 && stop == null) {
            List<String> missing = new ArrayList<>(job.outputs);
            missing.removeAll(handed.outputs);
            if (missing.isEmpty()) {
                reportSuccess();
            } else {
                reportFailure("The build exited with status 0 but did not upload the output artifact"
                        + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " that the job expects: add the"
                        + " plugin's upload-output goal to the build (see the README, \"Artifacts\").");
            }
        } else {
            reportFailure(failureMessage(status));
        }
        end();
    }

    private String failureMessage(int status) {
        String why;
        if (stop == Stop.TIME_LIMIT) {
            why = "it reached the time limit of " + WorkerSettings.duration(worker.settings.jobTimeoutSeconds)
                    + " (codepipeline.jobTimeout) and was stopped, " + Build.describeExit(status);
        } else if (stop == Stop.WORKER_STOPPED) {
            why = "the job worker was stopped while it ran, " + Build.describeExit(status);
        } else if (stop == Stop.WORKER_FAILED) {
            why = "the job worker ended on an error while it ran and stopped it, " + Build.describeExit(status);
        } else {
            why = "it ended with " + Build.describeExit(status);
        }
        String head = "The build (" + BuildCommand.shown(worker, command) + ") did not report a result: " + why + ".";
        head = Text.cut(Text.clean(head), 1000);
        StringBuilder tail = new StringBuilder();
        List<String> lines = build.tail();
        int room = MAX_MESSAGE - head.length() - 40;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = Text.clean(secrets.redact(lines.get(i)));
            if (line.trim().isEmpty() && tail.length() == 0) {
                continue;
            }
            if (tail.length() + line.length() + 1 > room) {
                break;
            }
            tail.insert(0, line + "\n");
        }
        return tail.length() == 0 ? head : head + "\nLast lines of its output:\n" + tail.toString().trim();
    }

    private void reportFailure(String message) {
        result = reports.reportFailure(message, "failed, reported by the worker" + (build == null
                ? " (the build did not start)" : " (" + Build.describeExit(build.exitValue()) + ")"));
    }

    private void reportSuccess() {
        result = reports.reportSuccess("Built by the job worker: " + BuildCommand.shown(worker, command) + " exited with status 0.");
    }

    private void end() {
        log.info(JobCalls.PREFIX + "job ended: " + job.describe() + ", " + (System.currentTimeMillis() - startMillis) / 100 / 10.0
                + " s, result: " + result + ".");
        if (workspace == null) {
            return;
        }
        if (worker.settings.keepWorkspaces) {
            log.info(JobCalls.PREFIX + prefix + "kept the workspace " + workspace.directory + " (codepipeline.keepWorkspaces).");
            return;
        }
        try {
            workspace.delete();
        } catch (IOException e) {
            log.warn(JobCalls.PREFIX + prefix + "could not delete the workspace " + workspace.directory + " ("
                    + e.getClass().getSimpleName() + ").");
        }
    }
}
