package io.github.codepipeline.maven;

import io.github.codepipeline.maven.client.JobDetails;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.JobCalls;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * Reads the job's details ({@code GetThirdPartyJobDetails}, or {@code GetJobDetails} with
 * {@code actionOwner=Custom}): logs the pipeline, stage, action and the names of the action's configuration
 * properties (never their values: an action type may declare them secret), and sets them as
 * {@code codepipeline.job.*} properties of every project of the build, so that a
 * later plugin can use, say, {@code ${codepipeline.job.config.Environment}}. Bound to {@code initialize} by default;
 * from the command line:
 * {@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:VERSION:job-details}. The artifact credentials
 * the call returns are never logged nor exposed.
 *
 * @since 0.1.0
 */
@Mojo(name = "job-details", defaultPhase = LifecyclePhase.INITIALIZE, requiresProject = false, threadSafe = true)
public class JobDetailsMojo extends AbstractJobMojo {
    private static final String CONFIG = JobDetails.PREFIX + "config.";

    @Override
    protected void addParameters(Map<String, String> parameters) {
        // only the job's settings
    }

    @Override
    protected void execute(ReportSettings settings, SettingSources sources, Secrets secrets, JobCalls reporter)
            throws ReportException {
        JobDetails details = reporter.jobDetails(settings);
        if (details == null) {
            return;
        }
        Map<String, String> properties = details.properties();
        getLog().info(JobCalls.PREFIX + "job " + settings.jobId() + " of pipeline "
                + properties.getOrDefault(JobDetails.PREFIX + "pipelineName", "(unknown)") + ", stage "
                + properties.getOrDefault(JobDetails.PREFIX + "stageName", "(unknown)") + ", action "
                + properties.getOrDefault(JobDetails.PREFIX + "actionName", "(unknown)") + ":");
        List<MavenProject> projects = session.getProjects() == null
                ? Collections.<MavenProject>emptyList() : session.getProjects();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            // An action type may declare configuration properties secret, and CodePipeline hands their values only to
            // job workers: a configuration value is never logged, at any level; only its name.
            boolean configuration = property.getKey().startsWith(CONFIG);
            getLog().info("  " + property.getKey() + (configuration ? " (set; the value is not logged)"
                    : " = " + secrets.redact(property.getValue())));
            for (MavenProject each : projects) {
                each.getProperties().setProperty(property.getKey(), property.getValue());
            }
        }
    }
}
