package io.github.codepipeline.maven;

import io.github.codepipeline.maven.client.ClientWarmUp;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.message.TestReports;
import io.github.codepipeline.maven.report.FailureReporter;
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
    private static final String WARM_UP = "io.github.codepipeline.maven.client-warm-up";

    /**
     * For builds with a job only: arms the report of an interrupted build, and prepares the AWS SDK in the
     * background so that a failure is reported quickly.
     */
    @Override
    public void afterProjectsRead(MavenSession session) {
        SettingSources sources;
        try {
            sources = MavenSettingSources.forSession(session);
            InterruptionHook.arm(session, sources);
        } catch (RuntimeException | LinkageError e) {
            LOGGER.debug(FailureReporter.PREFIX + "could not prepare the report of an interrupted build", e);
            return;
        }
        try {
            ReportSettings.WarmUp warmUp = ReportSettings.warmUp(sources);
            if (warmUp != ReportSettings.WarmUp.OFF) {
                ClientWarmUp started = ClientWarmUp.start(warmUp == ReportSettings.WarmUp.WHEN_IDLE, TestReports::warmUp);
                session.getRepositorySession().getData().set(WARM_UP, started);
            }
        } catch (InvalidSettingException e) {
            LOGGER.warn(FailureReporter.PREFIX + e.getMessage() + " The AWS SDK is not prepared in the background.");
        } catch (Throwable e) {
            // Only an optimisation (a thread that cannot start, say): never a reason to fail the build.
            LOGGER.debug(FailureReporter.PREFIX + "could not prepare the AWS SDK in the background", e);
        }
    }

    @Override
    public void afterSessionEnd(MavenSession session) throws MavenExecutionException {
        try {
            Object warmUp = session.getRepositorySession() == null ? null
                    : session.getRepositorySession().getData().get(WARM_UP);
            if (warmUp instanceof ClientWarmUp) {
                ((ClientWarmUp) warmUp).cancel();
            }
        } catch (RuntimeException e) {
            LOGGER.debug(FailureReporter.PREFIX + "could not stop the background warm-up", e);
        }
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
                        () -> new MavenBuildResults(session).successSummary(System.currentTimeMillis() - startMillis, startMillis));
            }
        } finally {
            InterruptionHook.disarm(session);
        }
    }
}
