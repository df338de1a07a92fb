package io.github.codepipeline.maven.automatic;

import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.Date;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic path: loaded because the plugin is declared with {@code <extensions>true</extensions>} (or as a
 * core extension), it reports a failed build once, after the whole reactor has finished
 * ({@code afterSessionEnd} runs once per session, after every module, whatever {@code -fae}, {@code -fn} or
 * {@code -T} say).
 *
 * <p>A successful build costs a look at one setting ({@code codepipeline.reportSuccess}): no SDK class is loaded
 * unless a success report is asked for. The participant
 * keeps no state between sessions (mvnd reuses it) and never throws, unless {@code codepipeline.failOnReportError}
 * asks it to.
 */
@Named("codepipeline-maven-plugin")
@Singleton
public class CodePipelineLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    private static final Logger LOGGER = LoggerFactory.getLogger(CodePipelineLifecycleParticipant.class);

    /** For builds with a job only: arms the report of an interrupted build. Nothing else happens before the end. */
    @Override
    public void afterProjectsRead(MavenSession session) {
        SettingSources sources;
        try {
            sources = MavenSettingSources.forSession(session);
            InterruptionHook.arm(session, sources);
        } catch (RuntimeException | LinkageError e) {
            LOGGER.debug(JobCalls.PREFIX + "could not prepare the report of an interrupted build", e);
        }
    }

    @Override
    public void afterSessionEnd(MavenSession session) throws MavenExecutionException {
        InterruptionHook.releaseReserve(session);
        try {
            if (session.getResult() == null || !ReportGuard.claim(session)) {
                return;
            }
            Date start = session.getRequest().getStartTime();
            long startMillis = start == null ? System.currentTimeMillis() : start.getTime();
            if (session.getResult().hasExceptions()) {
                AutomaticReport.run(MavenSettingSources.forSession(session),
                        AutomaticReport.of(startMillis, () -> new MavenBuildResults(session)), 0);
            } else {
                AutomaticReport.runSuccess(MavenSettingSources.forSession(session),
                        () -> new MavenBuildResults(session).successSummary(System.currentTimeMillis() - startMillis, startMillis),
                        session.getTopLevelProject() == null ? null : session.getTopLevelProject().getVersion());
            }
        } catch (RuntimeException | Error e) {
            // AutomaticReport keeps its own problems in; this is the last guard, for what happens around it. An
            // exception thrown from here would replace the build's own error in what Maven prints.
            unexpected(e);
        } finally {
            InterruptionHook.disarm(session);
        }
    }

    /** Logs one line about a problem that must not reach Maven; never throws, not even for want of memory. */
    static void unexpected(Throwable e) {
        try {
            LOGGER.error(JobCalls.PREFIX + "reporting failed unexpectedly (" + e.getClass().getName()
                    + "); run with -X for details. The build's own result is unchanged.");
            if (!(e instanceof VirtualMachineError)) {
                // Where it happened, without the exception's message: that is not masked here, and could hold a secret.
                StringBuilder frames = new StringBuilder(e.getClass().getName());
                for (StackTraceElement frame : e.getStackTrace()) {
                    frames.append("\n\tat ").append(frame);
                }
                LOGGER.debug(frames.toString());
            }
        } catch (RuntimeException | Error ignored) {
            // Not even one line could be logged: stay silent rather than replace the build's own error.
        }
    }
}
