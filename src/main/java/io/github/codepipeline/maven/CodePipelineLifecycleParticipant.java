package io.github.codepipeline.maven;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.message.FailureClassifier;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.report.FailureReporter;
import io.github.codepipeline.maven.report.RedactingLog;
import io.github.codepipeline.maven.report.ReportLog;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Date;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.MavenExecutionException;
import org.apache.maven.execution.MavenSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic path: loaded because the plugin is declared with {@code <extensions>true</extensions>}, it
 * reports a failed build once, after the whole reactor has finished ({@code afterSessionEnd} runs once per
 * session, after every module, whatever {@code -fae}, {@code -fn} or {@code -T} say).
 *
 * <p>A successful build costs one boolean check: no setting is read, no SDK class is loaded. The participant
 * keeps no state between sessions (mvnd reuses it) and never throws, unless {@code codepipeline.failOnReportError}
 * asks it to.
 */
@Named("codepipeline-maven-plugin")
@Singleton
public class CodePipelineLifecycleParticipant extends AbstractMavenLifecycleParticipant {
    private static final Logger LOGGER = LoggerFactory.getLogger(CodePipelineLifecycleParticipant.class);

    @Override
    public void afterSessionEnd(MavenSession session) throws MavenExecutionException {
        if (session.getResult() == null || !session.getResult().hasExceptions()) {
            return;
        }
        Secrets secrets = Secrets.none();
        ReportLog log = MavenReportLogs.of(LOGGER);
        boolean failOnReportError = false;
        try {
            SettingSources sources = MavenSettingSources.forSession(session);
            if (ReportSettings.isSkipped(sources)) {
                log.debug(FailureReporter.PREFIX + "codepipeline.skip is true: the failure is not reported.");
                return;
            }
            secrets = Secrets.from(sources);
            log = new RedactingLog(log, secrets);
            failOnReportError = "true".equalsIgnoreCase(sources.get(io.github.codepipeline.maven.config.Setting.FAIL_ON_REPORT_ERROR));
            ReportSettings settings = ReportSettings.resolve(sources);
            if (!settings.hasJob()) {
                log.info(FailureReporter.PREFIX + "no job ID (CODEPIPELINE_JOB_ID or -Dcodepipeline.jobId), so this failure is not"
                        + " reported to CodePipeline.");
                return;
            }
            MavenBuildResults results = new MavenBuildResults(session);
            Date start = session.getRequest().getStartTime();
            String message = new FailureMessageComposer(secrets, settings.externalExecutionId(),
                    start == null ? 0 : start.getTime()).compose(results.modules(), results.otherErrors());
            FailureType type = settings.failureType() != null
                    ? settings.failureType() : FailureClassifier.classify(results.allErrors());
            new FailureReporter(log, secrets, MavenSettingSources.accessKeys(MavenSettingSources.environment(session)))
                    .report(settings, type, message);
        } catch (InvalidSettingException e) {
            fail(log, e.getMessage() + " The failure was not reported to CodePipeline.", failOnReportError);
        } catch (ReportException e) {
            if (e.isWarning()) {
                log.warn(FailureReporter.PREFIX + e.getMessage());
            } else {
                fail(log, e.getMessage(), failOnReportError);
            }
        } catch (RuntimeException | LinkageError e) {
            // A bug of ours or a broken class path: say so, keep the build's own error in charge.
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            log.debug(trace.toString());
            fail(log, "reporting failed unexpectedly (" + secrets.redact(String.valueOf(e)) + "); run with -X for details.",
                    failOnReportError);
        }
    }

    private static void fail(ReportLog log, String message, boolean failOnReportError) throws MavenExecutionException {
        if (failOnReportError) {
            throw new MavenExecutionException(FailureReporter.PREFIX + message, (File) null);
        }
        log.error(FailureReporter.PREFIX + message + " The build's own result is unchanged.");
    }
}
