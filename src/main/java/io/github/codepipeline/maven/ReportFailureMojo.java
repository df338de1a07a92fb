package io.github.codepipeline.maven;

import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reports a failure of a CodePipeline job now ({@code PutThirdPartyJobFailureResult}, or {@code PutJobFailureResult}
 * with {@code actionOwner=Custom}), with the given
 * message: for a job worker whose failing step is not a Maven build. Needs no project, for example
 * {@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:VERSION:report-failure -Dcodepipeline.message="Deploy script failed: exit code 3"}
 * with the job in {@code CODEPIPELINE_JOB_ID} and {@code CODEPIPELINE_CLIENT_TOKEN} (a custom action needs no token). Fails the Maven run when the
 * report cannot be made; a job that already has a result is only a warning.
 *
 * @since 0.1.0
 */
@Mojo(name = "report-failure", requiresProject = false, threadSafe = true)
public class ReportFailureMojo extends AbstractJobMojo {
    /**
     * What failed, as the person watching the pipeline should read it, such as
     * {@code Deploy script failed: exit code 3}. 1-5000 characters: a longer message is cut, with a warning.
     * Required.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.message")
    private String message;

    /**
     * The failure type CodePipeline records: one of {@code JobFailed}, {@code ConfigurationError},
     * {@code PermissionError}, {@code RevisionOutOfSync}, {@code RevisionUnavailable}, {@code SystemUnavailable}
     * (case-insensitive), such as {@code ConfigurationError} for an action configured wrongly. Default
     * {@code JobFailed}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.failureType", defaultValue = "JobFailed")
    private String failureType;

    @Override
    protected void addParameters(Map<String, String> parameters) {
        parameters.put(Setting.MESSAGE.element(), message);
        parameters.put(Setting.FAILURE_TYPE.element(), failureType);
    }

    @Override
    protected void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws ReportException, MojoExecutionException {
        String text = new FailureMessageComposer(secrets, settings.externalExecutionId(), 0).plain(message);
        if (text.isEmpty()) {
            throw new MojoExecutionException("No failure message: set -D" + Setting.MESSAGE.property()
                    + "=\"...\" (or <message>) to what failed, as the person watching the pipeline should read it.");
        }
        if (text.length() < secrets.redact(message).trim().length()) {
            getLog().warn(JobCalls.PREFIX + "the message was cut to CodePipeline's limit of "
                    + FailureMessageComposer.MAX_LENGTH + " characters.");
        }
        FailureType type = settings.failureType() == null ? FailureType.JobFailed : settings.failureType();
        reporter.report(settings, type, text);
    }
}
