package io.github.codepipeline.maven;

import io.github.codepipeline.maven.automatic.MavenSettingSources;
import io.github.codepipeline.maven.automatic.MavenReportLogs;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.InvalidSettingException;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.report.JobCalls;
import io.github.codepipeline.maven.worker.Worker;
import io.github.codepipeline.maven.worker.WorkerSettings;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A job worker: polls CodePipeline for the jobs of one action type, acknowledges each, unpacks its inputs into a fresh
 * workspace, runs its build as a child process and makes sure every job gets exactly one result, whatever happens to the
 * build. Runs until stopped ({@code SIGTERM}, {@code Ctrl-C}), or after {@code maxJobsTotal} jobs or {@code idleTimeout}.
 * See the "Job worker" page of the plugin's site.
 *
 * <pre>{@code mvn io.github.codepipeline.maven:codepipeline-maven-plugin:0.1.0:work -Dcodepipeline.actionType=Build/ThirdParty/PartnerCI/1 -Dcodepipeline.clientTokens=tokens.properties}</pre>
 *
 * @since 0.1.0
 */
@Mojo(name = "work", requiresProject = false, aggregator = true, threadSafe = true)
public class WorkMojo extends AbstractCodePipelineMojo {
    /**
     * The action type to poll for, {@code Category/Owner/Provider/Version}: owner {@code ThirdParty} (partner actions)
     * or {@code Custom}. Required. Example: {@code -Dcodepipeline.actionType=Build/ThirdParty/PartnerCI/1}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.actionType")
    private String actionType;

    /**
     * A file of {@code clientId=token} lines: the client token of each partner action's client ID. Must not be readable
     * by group or others. Required for {@code ThirdParty} action types. Example:
     * {@code -Dcodepipeline.clientTokens=/etc/codepipeline/tokens}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.clientTokens")
    private String clientTokens;

    /**
     * Where the jobs' workspaces are made. Default: {@code codepipeline-work} in the current directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.workDirectory")
    private String workDirectory;

    /**
     * The build's command line, run in the unpacked sources without a shell. Default: {@code ./mvnw -B -ntp verify} when the
     * sources hold an executable {@code mvnw}, else this Maven's {@code mvn -B -ntp verify}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.command")
    private String command;

    /**
     * Builds at once: 1-64. Default {@code 1}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.maxJobs")
    private String maxJobs;

    /**
     * End the worker after this many jobs. Default: no limit.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.maxJobsTotal")
    private String maxJobsTotal;

    /**
     * The longest a build may run (seconds, or with {@code m} / {@code h}) before it is stopped and reported. Default
     * {@code 60m}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.jobTimeout")
    private String jobTimeout;

    /**
     * On {@code SIGTERM} or {@code Ctrl-C}: how long the running builds get to end and report before they are killed and
     * reported by the worker. Default {@code 20s}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.shutdownTimeout")
    private String shutdownTimeout;

    /**
     * End the worker when no job came for this long. Default: never.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.idleTimeout")
    private String idleTimeout;

    /**
     * How often an idle worker polls (with &plusmn;20% jitter): 1 s to 10 min. Default {@code 10s}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.pollInterval")
    private String pollInterval;

    /**
     * {@code true} keeps each job's workspace (sources, {@code build.log}) after the job. Default {@code false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.keepWorkspaces")
    private String keepWorkspaces;

    /**
     * {@code true} hands the worker's own AWS credentials (its keys, profile, web identity and container-credential
     * variables, and {@code AWS_SHARED_CREDENTIALS_FILE}/{@code AWS_CONFIG_FILE}) to every build, for builds that
     * deploy with them. Default {@code false}: a build holds no credential of the worker; the worker alone talks to
     * CodePipeline, and {@code upload-output} uses the job's own artifact credentials.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.passAwsCredentials")
    private String passAwsCredentials;

    /**
     * Another S3 endpoint for the artifacts; see {@code download-input}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.s3Endpoint")
    private String s3Endpoint;

    /**
     * The OS user each build runs as ({@code setpriv}, Linux): the worker runs as root, each workspace is that user's,
     * and nothing of the worker's (token file, home, other workspaces) is readable by it. Default: the worker's user.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.buildUser")
    private String buildUser;

    /**
     * A file the worker touches each time its loop turns (every second or so), for a liveness probe. Default: none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.healthFile")
    private String healthFile;

    @Override
    public void execute() throws MojoExecutionException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(Setting.ACTION_TYPE.element(), actionType);
        parameters.put(Setting.CLIENT_TOKENS.element(), clientTokens);
        parameters.put(Setting.WORK_DIRECTORY.element(), workDirectory);
        parameters.put(Setting.COMMAND.element(), command);
        parameters.put(Setting.MAX_JOBS.element(), maxJobs);
        parameters.put(Setting.MAX_JOBS_TOTAL.element(), maxJobsTotal);
        parameters.put(Setting.JOB_TIMEOUT.element(), jobTimeout);
        parameters.put(Setting.SHUTDOWN_TIMEOUT.element(), shutdownTimeout);
        parameters.put(Setting.IDLE_TIMEOUT.element(), idleTimeout);
        parameters.put(Setting.POLL_INTERVAL.element(), pollInterval);
        parameters.put(Setting.KEEP_WORKSPACES.element(), keepWorkspaces);
        parameters.put(Setting.BUILD_USER.element(), buildUser);
        parameters.put(Setting.HEALTH_FILE.element(), healthFile);
        parameters.put(Setting.PASS_AWS_CREDENTIALS.element(), passAwsCredentials);
        putCallParameters(parameters);
        parameters.put(Setting.S3_ENDPOINT.element(), s3Endpoint);
        Worker.Sources sources = (properties, environment) ->
                MavenSettingSources.forWorker(parameters, properties, environment, session);
        SettingSources own = sources.with(Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap());
        Secrets secrets = Secrets.from(own);
        String base = session.getExecutionRootDirectory() != null ? session.getExecutionRootDirectory() : ".";
        Worker worker;
        try {
            WorkerSettings settings = WorkerSettings.resolve(own, Paths.get(base));
            worker = new Worker(settings, sources, MavenReportLogs.of(getLog()), secrets,
                    MavenSettingSources.accessKeys(own.environment()), own.environment(),
                    session.getSystemProperties().getProperty("maven.home"));
        } catch (InvalidSettingException e) {
            throw new MojoExecutionException(e.getMessage());
        }
        Thread hook = new Thread(worker::stop, "codepipeline-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            worker.run();
        } catch (InvalidSettingException | ReportException e) {
            throw new MojoExecutionException(JobCalls.PREFIX + e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
    }
}
