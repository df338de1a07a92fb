package io.github.codepipeline.maven;

import java.util.Date;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;

/**
 * The automatic path: loaded because the plugin is declared with {@code <extensions>true</extensions>} (or as a
 * core extension), it reports a failed build once, after the whole reactor has finished
 * ({@code afterSessionEnd} runs once per session, after every module, whatever {@code -fae}, {@code -fn} or
 * {@code -T} say).
 *
 * <p>A successful build costs one boolean check: no setting is read, no SDK class is loaded. The participant
 * keeps no state between sessions (mvnd reuses it) and never throws, unless {@code codepipeline.failOnReportError}
 * asks it to.
 */
@Named("codepipeline-maven-plugin")
@Singleton
public class CodePipelineLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    @Override
    public void afterSessionEnd(MavenSession session) throws MavenExecutionException {
        if (session.getResult() == null || !session.getResult().hasExceptions() || !ReportGuard.claim(session)) {
            return;
        }
        Date start = session.getRequest().getStartTime();
        AutomaticReport.run(MavenSettingSources.forSession(session), MavenSettingSources.environment(session),
                start == null ? 0 : start.getTime(), () -> new MavenBuildResults(session));
    }
}
