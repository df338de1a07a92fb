package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a starting worker does with the workspaces a dead worker left in its work directory (killed with
 * {@code SIGKILL}, the out-of-memory killer, a lost node): for each workspace whose marker names a worker that no longer
 * runs, it claims the workspace (an atomic rename of the marker: of two workers starting together, one wins), stops
 * what still runs of its build ({@code SIGTERM}, then {@code SIGKILL}), reports the job's failure ("the job worker
 * died while it ran") unless the build had recorded its result, and deletes the workspace. A marker the worker did not
 * write (another owner, a link) or whose job ID does not match the workspace's name is not believed. Linux only.
 */
final class Recovery {
    private static final String CLAIMED = Workspace.MARKER + ".recovering";

    private final Worker worker;
    private final List<Future<?>> tasks = new ArrayList<>();

    Recovery(Worker worker) {
        this.worker = worker;
    }

    /** Looks at the work directory and starts the recovery of each dead worker's workspace, on threads of their own. */
    void start() {
        if (!ProcessTable.supported()) {
            return;
        }
        Object uid = ownUid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(worker.settings.workDirectory, "job-*")) {
            for (Path directory : entries) {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    Properties mark = Workspace.readMark(directory.resolve(Workspace.MARKER), uid);
                    if (mark != null && abandoned(directory, mark) && claim(directory)) {
                        tasks.add(worker.background(() -> recover(directory, mark)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            worker.log.warn(JobCalls.PREFIX + "could not look for workspaces a dead worker left in "
                    + worker.settings.workDirectory + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    /** Waits until {@code deadline} for the recoveries to end. */
    void await(long deadline) {
        for (Future<?> task : tasks) {
            try {
                task.get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // logged by the task, or left: the JVM ends
            }
        }
    }

    private static Object ownUid() {
        try {
            return Files.getAttribute(Paths.get("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A workspace of a job that has not ended, whose worker no longer runs, with a marker that matches its name. */
    private boolean abandoned(Path directory, Properties mark) {
        String jobId = mark.getProperty("job");
        if (jobId == null || mark.getProperty("ended") != null || !Workspace.name(jobId).equals(directory.getFileName().toString())) {
            return false;
        }
        ProcessTable.Proc owner = proc(mark, "worker");
        return owner == null || !ProcessTable.isAlive(owner);
    }

    private static ProcessTable.Proc proc(Properties mark, String prefix) {
        try {
            return new ProcessTable.Proc(Long.parseLong(mark.getProperty(prefix + ".pid")),
                    Long.parseLong(mark.getProperty(prefix + ".start")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Renames the marker: only one worker can, so only one recovers the workspace. */
    private static boolean claim(Path directory) {
        try {
            Files.move(directory.resolve(Workspace.MARKER), directory.resolve(CLAIMED), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void recover(Path directory, Properties mark) {
        String owner = mark.getProperty("owner", ActionType.THIRD_PARTY);
        Job job = new Job(mark.getProperty("job"), owner, mark.getProperty("clientId"));
        String prefix = "[job " + Shown.of(job.id.length() > 8 ? job.id.substring(0, 8) : job.id) + "] ";
        ReportLog log = worker.log;
        try {
            log.warn(JobCalls.PREFIX + prefix + "job " + job.shownId() + " was left by a job worker that is gone (PID "
                    + Shown.of(mark.getProperty("worker.pid")) + "): recovering its workspace " + directory + " (build.log: "
                    + size(directory.resolve("build.log")) + " bytes).");
            stopBuild(mark, log, prefix);
            String result;
            if (!owner.equals(ActionType.CUSTOM) && (worker.tokens == null
                    || (job.clientToken = worker.tokens.token(job.clientId)) == null)) {
                log.error(JobCalls.PREFIX + prefix + "cannot report job " + job.shownId() + ": its client ID "
                        + Shown.of(job.clientId) + " is not in " + worker.settings.clientTokens + ".");
                result = "not reported (no client token)";
            } else {
                ReportLog jobLog = new RedactingLog(log, worker.secrets.and(job.secrets(worker.secretProperties)
                        .toArray(new String[0])));
                WorkerReports reports = new WorkerReports(worker, job, worker.secrets, jobLog, prefix);
                // A build hands its result to its worker (it calls nothing itself): one the dead worker had not
                // reported yet is reported now. The dead worker's own report may have been made just before it
                // died; CodePipeline then refuses the second one and the job keeps the first (one WARN line).
                ResultHandoff.Result handed = ResultHandoff.read(directory.resolve("result"), job.id, jobLog, prefix);
                if (handed.kind != ResultHandoff.Kind.NOTHING) {
                    result = ResultHandoff.report(handed, "before its worker died", worker.sources(job, handed.properties()),
                            worker.sources(job), reports);
                } else if (mark.getProperty("build.session") == null) { // marked before the acknowledgement (Intake)
                    result = reports.reportFailure(FailureType.JobFailed, "The job worker died before the build started"
                            + " (once it had acknowledged the job, or while it prepared the build), and a new worker on the"
                            + " same work directory reports it: run the pipeline again.",
                            "failed, reported by the recovering worker");
                } else {
                    String message = "The job worker died while the build ran, and a new worker on the same work directory"
                            + " stopped what was left of the build." + FailureText.lastLines(lastLines(directory, mark),
                                    worker.secrets, WorkerReports.MAX_MESSAGE - 200);
                    result = reports.reportFailure(FailureType.JobFailed, message, "failed, reported by the recovering worker");
                }
            }
            log.info(JobCalls.PREFIX + "job recovered: job " + job.shownId() + ", result: " + result + ".");
        } catch (RuntimeException e) {
            log.error(JobCalls.PREFIX + prefix + "could not recover job " + job.shownId() + " (" + e.getClass().getName() + ").");
        } finally {
            try {
                new Workspace(directory).delete();
            } catch (IOException e) {
                log.warn(JobCalls.PREFIX + prefix + "could not delete the workspace " + directory + " ("
                        + e.getClass().getSimpleName() + ").");
            }
        }
    }

    /** {@code SIGTERM}, then after 5 s {@code SIGKILL}, to the build's session and the processes with its marker. */
    private static void stopBuild(Properties mark, ReportLog log, String prefix) {
        long session;
        try {
            session = Long.parseLong(mark.getProperty("build.session", "-1"));
        } catch (NumberFormatException e) {
            session = -1;
        }
        String marker = mark.getProperty("build.marker");
        List<ProcessTable.Proc> left = ProcessTable.find(session, marker);
        ProcessTable.Proc first = proc(mark, "build");
        if (first != null && ProcessTable.isAlive(first) && !left.contains(first)) {
            left.add(first);
        }
        if (left.isEmpty()) {
            return;
        }
        log.warn(JobCalls.PREFIX + prefix + "stopping " + left.size() + (left.size() == 1 ? " process" : " processes")
                + " of its build still running (SIGTERM, then SIGKILL after " + JobRun.LEFTOVER_GRACE_MILLIS / 1000 + " s).");
        for (ProcessTable.Proc each : left) {
            ProcessTable.signal(each, false);
        }
        long deadline = System.currentTimeMillis() + JobRun.LEFTOVER_GRACE_MILLIS;
        while (System.currentTimeMillis() < deadline && left.stream().anyMatch(ProcessTable::isAlive)) {
            sleep(100);
        }
        for (int round = 0; round < 20; round++) {
            List<ProcessTable.Proc> still = ProcessTable.find(session, marker);
            for (ProcessTable.Proc each : left) {
                if (ProcessTable.isAlive(each) && !still.contains(each)) {
                    still.add(each);
                }
            }
            if (still.isEmpty()) {
                return;
            }
            for (ProcessTable.Proc each : still) {
                ProcessTable.signal(each, true);
            }
            sleep(100);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The file, when it is a regular file and not a link; else {@code null}. */
    private static Path regular(Path file) {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
    }

    /** The last lines of {@code build.log} (the last 16 KB, masked as they were written), or none. */
    private static List<String> lastLines(Path directory, Properties mark) {
        Path log = regular(directory.resolve("build.log"));
        if (log == null) {
            return new ArrayList<>();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 16 * 1024);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n")));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0); // cut at the start
            }
            return lines.size() > BuildOutput.TAIL_LINES ? lines.subList(lines.size() - BuildOutput.TAIL_LINES, lines.size()) : lines;
        } catch (IOException | RuntimeException e) {
            return new ArrayList<>();
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
