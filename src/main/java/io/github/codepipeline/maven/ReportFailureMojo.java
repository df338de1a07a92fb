package io.github.codepipeline.maven;

import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.FailureType;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.message.FailureMessageComposer;
import io.github.codepipeline.maven.report.FailureReporter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Reports a failure of a CodePipeline partner job now, with the given message: for a job worker whose failing
 * step is not this Maven build. Needs no project:
 * {@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:VERSION:report-failure -Dcodepipeline.message="..."}.
 *
 * <p>The client token is deliberately not a parameter (Maven prints every parameter with {@code -X}): set the
 * {@code CODEPIPELINE_CLIENT_TOKEN} environment variable (or {@code -Dcodepipeline.clientToken}).
 * Fails the Maven run when the report cannot be made; a job that already has a result is a warning.
 */
@Mojo(name = "report-failure", requiresProject = false, threadSafe = true)
public class ReportFailureMojo extends AbstractMojo {
    /** The CodePipeline job ID (environment: {@code CODEPIPELINE_JOB_ID}). */
    @Parameter(property = "codepipeline.jobId")
    private String jobId;

    /** What failed, as the person watching the pipeline should read it (1-5000 characters; longer is cut). */
    @Parameter(property = "codepipeline.message")
    private String message;

    /** One of JobFailed, ConfigurationError, PermissionError, RevisionOutOfSync, RevisionUnavailable, SystemUnavailable. */
    @Parameter(property = "codepipeline.failureType", defaultValue = "JobFailed")
    private String failureType;

    /** The AWS region of the pipeline (default: the SDK's region chain, AWS_REGION first). */
    @Parameter(property = "codepipeline.region")
    private String region;

    /** Another CodePipeline endpoint URL (default: AWS_ENDPOINT_URL_CODEPIPELINE, AWS_ENDPOINT_URL, then AWS's). */
    @Parameter(property = "codepipeline.endpoint")
    private String endpoint;

    /** The AWS profile for credentials and region (environment: {@code AWS_PROFILE}). */
    @Parameter(property = "codepipeline.profile")
    private String profile;

    /** The CI run's identifier, shown in CodePipeline (environment: {@code CODEPIPELINE_EXTERNAL_EXECUTION_ID}). */
    @Parameter(property = "codepipeline.externalExecutionId")
    private String externalExecutionId;

    /** Print what would be sent instead of sending it; needs no client token or AWS credentials. */
    @Parameter(property = "codepipeline.dryRun", defaultValue = "false")
    private String dryRun;

    /** Do nothing. */
    @Parameter(property = "codepipeline.skip", defaultValue = "false")
    private String skip;

    /** Seconds the whole report may take, retries included (1-3600). */
    @Parameter(property = "codepipeline.timeout", defaultValue = "60")
    private String timeout;

    /** Attempts at most, the first included, on throttling, 5xx answers and I/O errors (1-20). */
    @Parameter(property = "codepipeline.maxAttempts", defaultValue = "5")
    private String maxAttempts;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        SettingSources sources = MavenSettingSources.forMojo(parameters(), session, project);
        if (ReportSettings.isSkipped(sources)) {
            getLog().info("Skipping: codepipeline.skip is true.");
            return;
        }
        Secrets secrets = Secrets.from(sources);
        try {
            ReportSettings settings = ReportSettings.resolve(sources);
            if (!settings.hasJob() && !settings.dryRun()) {
                throw new MojoExecutionException("No CodePipeline job ID: set " + Setting.JOB_ID.howToSet()
                        + " to the job ID the job worker received.");
            }
            FailureMessageComposer composer = new FailureMessageComposer(secrets, settings.externalExecutionId(), 0);
            String text = composer.plain(message);
            if (text.isEmpty()) {
                throw new MojoExecutionException("No failure message: set -D" + Setting.MESSAGE.property()
                        + "=\"...\" (or <message>) to what failed, as the person watching the pipeline should read it.");
            }
            if (text.length() < secrets.redact(message).trim().length()) {
                getLog().warn(FailureReporter.PREFIX + "the message was cut to CodePipeline's limit of "
                        + FailureMessageComposer.MAX_LENGTH + " characters.");
            }
            FailureType type = settings.failureType() == null ? FailureType.JobFailed : settings.failureType();
            new FailureReporter(getLog() == null ? null : MavenReportLogs.of(getLog()), secrets,
                    MavenSettingSources.accessKeys(MavenSettingSources.environment(session))).report(settings, type, text);
        } catch (InvalidSettingException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (ReportException e) {
            if (!e.isWarning()) {
                throw new MojoExecutionException(e.getMessage());
            }
            getLog().warn(FailureReporter.PREFIX + e.getMessage());
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(Setting.JOB_ID.element(), jobId);
        map.put(Setting.MESSAGE.element(), message);
        map.put(Setting.FAILURE_TYPE.element(), failureType);
        map.put(Setting.REGION.element(), region);
        map.put(Setting.ENDPOINT.element(), endpoint);
        map.put(Setting.PROFILE.element(), profile);
        map.put(Setting.EXTERNAL_EXECUTION_ID.element(), externalExecutionId);
        map.put(Setting.DRY_RUN.element(), dryRun);
        map.put(Setting.SKIP.element(), skip);
        map.put(Setting.TIMEOUT.element(), timeout);
        map.put(Setting.MAX_ATTEMPTS.element(), maxAttempts);
        return map;
    }
}
