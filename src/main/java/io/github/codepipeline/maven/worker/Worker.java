package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.client.CodePipelineJobClient;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The job worker ({@code mvn codepipeline:work}): polls CodePipeline for jobs of one action type, acknowledges each, runs
 * its build in a fresh workspace and makes sure it gets exactly one result, with at most {@code maxJobs} builds at once.
 * It keeps no state outside its workspaces: any number of workers may poll the same action type, and the
 * acknowledgement decides which one builds a job.
 *
 * <p>The worker's thread runs its loop ({@link WorkerLoop}): it gives the running builds their turns (prints their
 * output, enforces time limits, stops what an ended build left running), waking a few times a second while builds run
 * and once per poll interval when idle, and touches {@code healthFile}; it makes no call itself: polling runs on a
 * thread of its own, each job's calls (its inputs' download, its report, retried with backoff) on the job's, so that no
 * hung call holds up another job. At its start it recovers what a dead worker left in the work directory
 * ({@link Recovery}). {@code SIGTERM} or {@code Ctrl-C} run {@link #stop()} from the JVM's shutdown hook: polling
 * stops, the builds get {@code SIGTERM} (each reports its interruption), and whatever is left after
 * {@code shutdownTimeout} is killed and reported by the worker.
 */
public final class Worker {
    /** How the worker reaches the settings of a job: its own sources with a job's properties and environment on top. */
    public interface Sources {
        SettingSources with(Map<String, String> properties, Map<String, String> environment);
    }

    private static final String PLACEHOLDER_JOB = "00000000-0000-0000-0000-000000000000";

    final WorkerSettings settings;
    /** Maven's log; every line goes through {@link #log}, which masks {@link #secrets}. */
    private final ReportLog out;
    ReportLog log;
    /** The worker's secrets: its AWS keys and, once read, every client token of the token file. */
    Secrets secrets;
    final String[] accessKeys;
    final Map<String, String> environment;
    /** Where the worker's CodePipeline, S3, region and profile came from by {@code -D}: handed to the builds as variables. */
    final Map<String, String> childConnection = new LinkedHashMap<>();
    private final Sources sources;
    private final String mavenHome;
    private final Runs runs = new Runs(this);
    private final WorkerLoop loop;
    /** Which configuration values each job's lines mask ({@code ListActionTypes}); every one until it is read. */
    SecretProperties secretProperties = SecretProperties.all();
    private final AtomicInteger threads = new AtomicInteger();
    /** The threads of the jobs' calls, the poll and the recovery: daemons, so that none holds up the JVM's end. */
    private final ExecutorService pool = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "codepipeline-worker-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    /** {@code codepipeline.buildUser}, resolved; {@code null} for the worker's own user. */
    BuildUser buildUser;
    private volatile boolean stopping;
    private volatile long stopAt;
    JobQueue queue;
    ClientTokens tokens;
    private String tokenProblem;

    public Worker(WorkerSettings settings, Sources sources, ReportLog log, Secrets secrets, String[] accessKeys,
            Map<String, String> environment, String mavenHome) {
        this.settings = settings;
        this.sources = sources;
        this.out = log;
        this.secrets = secrets;
        this.log = new RedactingLog(log, secrets);
        this.accessKeys = accessKeys;
        this.environment = Collections.unmodifiableMap(new HashMap<>(environment));
        this.mavenHome = mavenHome;
        this.loop = new WorkerLoop(this, runs, new HealthFile(settings.healthFile));
    }

    /**
     * The job's settings: the worker's, with the job's ID, client token and owner on top, so that {@link ReportSettings}
     * and the shared calls ({@code JobCalls}, {@code ArtifactCalls}) make this family's calls.
     */
    SettingSources sources(Job job) {
        return sources(job.id, job.owner, job.clientToken, Collections.emptyMap());
    }

    /** The job's settings with {@code properties} on top: what the build handed over ({@link ResultHandoff}). */
    SettingSources sources(Job job, Map<String, String> properties) {
        return sources(job.id, job.owner, job.clientToken, properties);
    }

    /**
     * The owner is the action type's and wins over any {@code codepipeline.actionOwner} the worker was started with; a
     * custom job gets no client token at all (a token in the worker's own environment would only earn a warning). The
     * job's ID, owner and token win over {@code extra}.
     */
    private SettingSources sources(String jobId, String owner, String clientToken, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(extra);
        Map<String, String> env = new HashMap<>();
        properties.put(Setting.JOB_ID.property(), jobId);
        properties.put(Setting.ACTION_OWNER.property(), owner);
        properties.put(Setting.CLIENT_TOKEN.property(), clientToken == null ? "" : clientToken);
        if (clientToken == null) {
            for (String variable : Setting.CLIENT_TOKEN.environment()) {
                env.put(variable, "");
            }
        }
        return sources.with(properties, env);
    }

    String mavenCommand() {
        return mavenHome == null ? "mvn" : Paths.get(mavenHome, "bin", "mvn").toString();
    }

    /**
     * Runs until {@code maxJobsTotal} jobs have ended, the worker was idle for {@code idleTimeout}, or it is stopped.
     *
     * @throws InvalidSettingException for settings that keep it from polling at all (one line)
     * @throws ReportException when no client can be made, or polling cannot work (no such action type)
     */
    public void run() throws InvalidSettingException, ReportException {
        try {
            work();
        } finally {
            loop.ended();
        }
    }

    private void work() throws InvalidSettingException, ReportException {
        if (settings.buildUser != null && !settings.dryRun) {
            buildUser = BuildUser.resolve(settings.buildUser);
        }
        if (settings.clientTokens != null) {
            tokens = ClientTokens.read(settings.clientTokens);
            maskTokens();
        }
        if (settings.dryRun) {
            DryRun.print(this);
            return;
        }
        try {
            Files.createDirectories(settings.workDirectory);
            if (buildUser != null) { // builds reach their own workspace by its name, and list none
                Files.setPosixFilePermissions(settings.workDirectory, PosixFilePermissions.fromString("rwx--x--x"));
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException("Cannot create the work directory " + settings.workDirectory + " ("
                    + e.getClass().getSimpleName() + "): set -D" + Setting.WORK_DIRECTORY.property()
                    + " to a directory this user can write.");
        }
        SettingSources own = settings.actionType.isCustom()
                ? sources(PLACEHOLDER_JOB, ActionType.CUSTOM, null, Collections.emptyMap())
                : sources(PLACEHOLDER_JOB, ActionType.THIRD_PARTY, "-", Collections.emptyMap());
        ReportSettings connection = ReportSettings.resolve(own);
        connect(connection, own);
        Pacing pacing = new Pacing(settings.pollIntervalSeconds * 1000, new Random());
        log.info(JobCalls.PREFIX + "job worker polling for " + settings.actionType + " jobs (" + settings.maxJobs
                + (settings.maxJobs == 1 ? " build" : " builds") + " at once"
                + (settings.maxJobsTotal > 0 ? ", " + settings.maxJobsTotal + " in all" : "")
                + (settings.idleTimeoutSeconds > 0 ? ", ending after " + WorkerSettings.duration(settings.idleTimeoutSeconds)
                        + " idle" : "") + ", workspaces in " + settings.workDirectory + ").");
        Recovery recovery = new Recovery(this);
        try (CodePipelineJobClient client = CodePipelineJobClient.create(connection, secrets, accessKeys)) {
            queue = new JobQueue(client, settings.actionType);
            secretProperties = SecretProperties.read(client, settings.actionType, log);
            recovery.start();
            try {
                loop.run(pacing);
            } finally {
                recovery.await(System.currentTimeMillis() + (settings.shutdownTimeoutSeconds + 30) * 1000);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code task} on a thread of its own (a job's calls, the poll, a recovery), never on the worker's thread. */
    Future<?> background(Runnable task) {
        return pool.submit(task);
    }

    /** {@link #background(Runnable)} for a task with a result (the poll). */
    <T> Future<T> background(Callable<T> task) {
        return pool.submit(task);
    }

    /** How {@link Build} starts the builds: as {@code buildUser}, with {@code build.log}'s bounds. */
    Build.Launch launch() {
        return new Build.Launch(buildUser == null ? null : buildUser.ids(), BuildOutput.HEAD_BYTES, BuildOutput.TAIL_BYTES,
                runs::builds);
    }

    /** Until when a report may be tried again: no limit, or while the worker stops, until its shutdown ends. */
    long reportDeadline() {
        return stopping ? stopAt + (settings.shutdownTimeoutSeconds + 30) * 1000 : Long.MAX_VALUE;
    }

    /**
     * Adds the token file's tokens to the secrets that mask every line the worker logs and each new job's lines: at the
     * start and whenever the file was read again (a token added or rotated while the worker runs). A token removed from
     * the file stays masked.
     */
    void maskTokens() {
        secrets = secrets.and(tokens.tokens().toArray(new String[0]));
        log = new RedactingLog(out, secrets);
    }

    /** Reads the token file again if it changed; a file that became unreadable or invalid is logged once. */
    void refreshTokens() {
        try {
            if (tokens.refresh()) {
                maskTokens();
            }
            tokenProblem = null;
        } catch (InvalidSettingException e) {
            if (!e.getMessage().equals(tokenProblem)) { // once, not at every poll
                log.error(JobCalls.PREFIX + e.getMessage() + " Using the tokens read before.");
            }
            tokenProblem = e.getMessage();
        }
    }

    private void connect(ReportSettings connection, SettingSources own) {
        if (connection.region() != null) {
            childConnection.put("AWS_REGION", connection.region());
        }
        if (connection.endpoint() != null) {
            childConnection.put("AWS_ENDPOINT_URL_CODEPIPELINE", connection.endpoint().toString());
        }
        if (connection.profile() != null) {
            childConnection.put("AWS_PROFILE", connection.profile());
        }
        String s3 = own.get(Setting.S3_ENDPOINT);
        if (s3 != null) {
            childConnection.put("AWS_ENDPOINT_URL_S3", s3);
        }
    }

    /** Hands an acknowledged job to the worker's thread, which starts it ({@link Intake}, on the poll thread). */
    void launch(Job job, JobCheck.Problem problem, Workspace workspace) {
        loop.launch(new JobRun(this, job, problem, workspace));
    }

    boolean isStopping() {
        return stopping;
    }

    /** The worker's thread was interrupted while it waited: it stops as if asked to. */
    void interrupted() {
        stopping = true;
    }

    /**
     * Asks the running worker to stop and waits until it has (its builds reported), at most {@code shutdownTimeout}
     * plus a minute for the reports: for the JVM's shutdown hook. Past that, every build still running is killed
     * ({@code SIGKILL}), so that none outlives the worker unseen.
     */
    public void stop() {
        stopAt = System.currentTimeMillis();
        stopping = true;
        long deadline = System.currentTimeMillis() + (settings.shutdownTimeoutSeconds + 60) * 1000;
        if (!loop.awaitEnd(deadline)) {
            // the worker's thread is stuck (a report that hangs): the JVM ends now, no build may outlive it
            runs.killAll();
        }
    }
}
