package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ReportLog;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a build whose JVM shuts down before the session ended normally — SIGINT (Ctrl-C), SIGTERM (a CI
 * system cancelling the build), {@code System.exit} from some plugin — so that its job does not wait in
 * CodePipeline until it times out. Registered only for builds with a job, removed when the session ends
 * normally (mvnd's JVM outlives builds), and sharing {@link ReportGuard} with the normal path, so a build is
 * reported at most once.
 *
 * <p>It also holds a small memory reserve, released when the build ends, so that a report can still be
 * composed and sent after an {@code OutOfMemoryError}.
 */
final class InterruptionHook extends Thread {
    /** The process is being stopped: a few seconds, not the normal 60. */
    static final int TIME_LIMIT_SECONDS = 5;
    private static final Logger LOGGER = LoggerFactory.getLogger(InterruptionHook.class);
    private static final String KEY = "io.github.codepipeline.maven.interruption-hook";

    private final MavenSession session;
    private final SettingSources sources;
    private final RunningGoals goals;
    private final long startMillis;
    private final CountDownLatch normalPathDone = new CountDownLatch(1);
    private final CountDownLatch hookDone = new CountDownLatch(1);
    private volatile byte[] reserve = new byte[2 * 1024 * 1024];

    private InterruptionHook(MavenSession session, SettingSources sources, RunningGoals goals, long startMillis) {
        super("codepipeline-interruption-report");
        this.session = session;
        this.sources = sources;
        this.goals = goals;
        this.startMillis = startMillis;
    }

    /** Arms the hook for this session when it has a job to report to; does nothing otherwise. */
    static void arm(MavenSession session, SettingSources sources) {
        if (ReportSettings.isSkipped(sources) || sources.get(Setting.JOB_ID) == null) {
            return;
        }
        RunningGoals goals = new RunningGoals(session.getRequest().getExecutionListener(), GoalOutput.install(session));
        session.getRequest().setExecutionListener(goals);
        long start = session.getRequest().getStartTime() == null
                ? System.currentTimeMillis() : session.getRequest().getStartTime().getTime();
        InterruptionHook hook = new InterruptionHook(session, sources, goals, start);
        Runtime.getRuntime().addShutdownHook(hook);
        session.getRepositorySession().getData().set(KEY, hook);
    }

    /** The session is ending normally: returns the memory reserve before the normal report is composed. */
    static void releaseReserve(MavenSession session) {
        InterruptionHook hook = of(session);
        if (hook != null) {
            hook.reserve = null;
        }
    }

    /**
     * The session ended normally and its report, if any, was made: remove the hook. If the JVM is already shutting
     * down, the hook is running; wait for it (bounded), because once this method returns Maven disposes the
     * plugin's class realm, after which the hook could not load the classes it needs.
     */
    static void disarm(MavenSession session) {
        InterruptionHook hook = of(session);
        if (hook == null) {
            return;
        }
        session.getRepositorySession().getData().set(KEY, null);
        GoalOutput.uninstall(session);
        hook.normalPathDone.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            try {
                hook.hookDone.await(TIME_LIMIT_SECONDS + 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static InterruptionHook of(MavenSession session) {
        if (session.getRepositorySession() == null) {
            return null;
        }
        Object hook = session.getRepositorySession().getData().get(KEY);
        return hook instanceof InterruptionHook ? (InterruptionHook) hook : null;
    }

    @Override
    public void run() {
        reserve = null;
        try {
            // Also what shows, at -X, a hook that outlived its build (the ITs check that a normal end leaves none).
            LOGGER.debug(JobCalls.PREFIX + "the JVM is shutting down before the build ended.");
            if (!ReportGuard.claim(session)) {
                // The normal path is reporting: give it a moment to finish before the JVM halts.
                normalPathDone.await(TIME_LIMIT_SECONDS, TimeUnit.SECONDS);
                return;
            }
            String message = message(System.currentTimeMillis() - startMillis);
            AutomaticReport.run(sources, new AutomaticReport.Failure() {
                @Override
                public String message(ReportSettings settings, Secrets secrets, ReportLog log) {
                    return new FailureMessageComposer(secrets, settings.externalExecutionId(), 0).plain(message);
                }

                @Override
                public FailureType derivedType() {
                    return FailureType.JobFailed;
                }
            }, TIME_LIMIT_SECONDS);
        } catch (Throwable e) {
            LOGGER.error(JobCalls.PREFIX + "could not report the interrupted build (" + e.getClass().getName() + ").");
        } finally {
            hookDone.countDown();
        }
    }

    String message(long elapsedMillis) {
        String running = goals.describe();
        return "Maven build was interrupted after " + duration(elapsedMillis)
                + (running.isEmpty() ? " (the JVM was shut down: a signal such as SIGTERM or Ctrl-C, or System.exit)"
                        : " while building " + (goals.count() == 1 ? "module " : "modules ") + running
                        + " (the JVM was shut down: a signal such as SIGTERM or Ctrl-C, or System.exit)");
    }

    static String duration(long millis) {
        long seconds = Math.max(0, millis / 1000);
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min " + seconds % 60 + " s";
        }
        return minutes / 60 + " h " + minutes % 60 + " min";
    }
}
