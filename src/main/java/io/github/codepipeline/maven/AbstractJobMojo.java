package io.github.codepipeline.maven;

import io.github.codepipeline.maven.automatic.MavenSettingSources;
import io.github.codepipeline.maven.automatic.MavenReportLogs;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.client.JobFile;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.report.ResultRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal that talks to a CodePipeline job shares: the job's settings, skip before validation, one clear
 * {@link MojoExecutionException} for bad input or a failed call, and a warning (not a failure) for a job that
 * already has a result.
 *
 * <p>The client token is deliberately not a parameter (Maven prints every parameter with {@code -X}): set the
 * {@code CODEPIPELINE_CLIENT_TOKEN} environment variable (or {@code -Dcodepipeline.clientToken}).
 */
abstract class AbstractJobMojo extends AbstractCodePipelineMojo {
    /**
     * The job to report on, as the job worker received it from {@code PollForThirdPartyJobs} (or {@code PollForJobs}
     * for a custom action): 1-512 characters, no whitespace, in practice a UUID such as
     * {@code 0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b} (for a custom action it must be one). When not set, the
     * {@code CODEPIPELINE_JOB_ID} environment variable. Required, except for a dry run.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.jobId")
    private String jobId;

    /**
     * Whose action type the job belongs to, which decides the calls: {@code ThirdParty} for a partner action
     * ({@code PutThirdPartyJobFailureResult} and family, with the client token) or {@code Custom} for a custom action
     * ({@code PutJobFailureResult} and family, no client token, output variables on success); case-insensitive. When
     * not set: the {@code CODEPIPELINE_ACTION_OWNER} environment variable, then {@code ThirdParty}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.actionOwner")
    private String actionOwner;

    /**
     * The CI run's identifier, sent with the report: CodePipeline puts it into the action type's execution URL
     * template, so that the console links to the run. 1-1500 characters, such as
     * {@code https://ci.example.com/runs/4711}. When not set: the {@code CODEPIPELINE_EXTERNAL_EXECUTION_ID}
     * environment variable, then the run of a recognised CI system (GitHub Actions, GitLab CI, AWS CodeBuild,
     * Jenkins and others; see the "Partner actions" page of the plugin's site).
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.externalExecutionId")
    private String externalExecutionId;

    /**
     * {@code true} skips the goal, before any other setting is checked. Default {@code false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.skip", defaultValue = "false")
    private String skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Override
    public final void execute() throws MojoExecutionException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Setting.JOB_ID.element(), jobId);
        parameters.put(Setting.ACTION_OWNER.element(), actionOwner);
        putCallParameters(parameters);
        parameters.put(Setting.EXTERNAL_EXECUTION_ID.element(), externalExecutionId);
        parameters.put(Setting.SKIP.element(), skip);
        addParameters(parameters);
        SettingSources sources = MavenSettingSources.forMojo(parameters, session, project);
        if (ReportSettings.isSkipped(sources)) {
            getLog().info("Skipping: codepipeline.skip is true.");
            return;
        }
        Secrets secrets = Secrets.from(sources);
        try {
            ReportSettings settings = ReportSettings.resolve(sources);
            if (!settings.hasJob() && !settings.dryRun() && withoutJob() != null) {
                getLog().info(JobCalls.PREFIX + "no job ID (" + Setting.JOB_ID.howToSet() + "): " + withoutJob());
                return;
            }
            if (!settings.hasJob() && !settings.dryRun()) {
                throw new MojoExecutionException("No CodePipeline job ID: set " + Setting.JOB_ID.howToSet()
                        + " to the job ID the job worker received.");
            }
            JobCalls reporter = new JobCalls(MavenReportLogs.of(getLog()), secrets,
                    MavenSettingSources.accessKeys(sources.environment())).underWorker(ResultRecord.file(sources), JobFile.file(sources));
            execute(settings, sources, secrets, reporter);
        } catch (InvalidSettingException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (ReportException e) {
            if (!e.isWarning()) {
                throw new MojoExecutionException(e.getMessage());
            }
            getLog().warn(JobCalls.PREFIX + e.getMessage());
        }
    }

    /**
     * What a goal bound in a pom does in a build without a job (a developer's build, say): {@code null} to fail, as a
     * goal called for a job must; else the rest of the INFO line that says why it does nothing.
     */
    protected String withoutJob() {
        return null;
    }

    /** The goal's own parameters, by {@code <configuration>} element name. */
    protected abstract void addParameters(Map<String, String> parameters);

    protected abstract void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws InvalidSettingException, ReportException, MojoExecutionException;
}
