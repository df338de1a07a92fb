package io.github.codepipeline.maven.automatic;

import java.util.Date;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.eventspy.AbstractEventSpy;
import org.apache.maven.execution.ExecutionEvent;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core-extension path ({@code .mvn/extensions.xml}): reports failures that happen before Maven runs the
 * lifecycle — an unresolvable parent or extension, a reactor cycle, a missing module, an invalid POM — which
 * never reach a lifecycle participant. Maven only registers event spies of core extensions, so a pom-declared
 * plugin never activates this class.
 *
 * <p>The spy sees the build's result right after the lifecycle participants ran; {@link ReportGuard} makes sure
 * that a failure the participant already reported is not reported again. State is per build and cleared when the
 * build ends (mvnd keeps spies across builds).
 */
@Named("codepipeline-maven-plugin")
@Singleton
public class CodePipelineEventSpy extends AbstractEventSpy {
    private static final Logger LOGGER = LoggerFactory.getLogger(CodePipelineEventSpy.class);

    private volatile MavenExecutionRequest request;
    private volatile MavenSession session;

    @Override
    public void onEvent(Object event) {
        try {
            if (event instanceof MavenExecutionRequest) {
                request = (MavenExecutionRequest) event;
                session = null;
            } else if (event instanceof ExecutionEvent && session == null) {
                session = ((ExecutionEvent) event).getSession();
            } else if (event instanceof MavenExecutionResult) {
                try {
                    report((MavenExecutionResult) event);
                } finally {
                    request = null;
                    session = null;
                }
            }
        } catch (Exception | Error e) {
            // An event spy that throws only gets a warning from Maven; still, never disturb the build.
            CodePipelineLifecycleParticipant.unexpected(e);
        }
    }

    private void report(MavenExecutionResult result) {
        MavenExecutionRequest request = this.request;
        MavenSession session = this.session;
        if (!result.hasExceptions() || request == null || !ReportGuard.claim(session)) {
            return;
        }
        Date start = request.getStartTime();
        // The build has failed already: failOnReportError has nothing left to fail, so its error is only logged.
        boolean hasProjects = session != null && session.getProjects() != null && !session.getProjects().isEmpty();
        try {
            AutomaticReport.run(
                    hasProjects ? MavenSettingSources.forSession(session) : MavenSettingSources.forRequest(request),
                    AutomaticReport.of(start == null ? 0 : start.getTime(),
                            () -> new MavenBuildResults(hasProjects ? session.getProjects() : null, result)
                                    .withMavenVersion(request.getSystemProperties())
                                    .withGoals(request.getGoals())), 0);
        } catch (MavenExecutionException e) {
            LOGGER.error(e.getMessage());
        }
    }
}
