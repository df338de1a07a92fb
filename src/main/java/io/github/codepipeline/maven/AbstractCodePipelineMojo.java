package io.github.codepipeline.maven;

import io.github.codepipeline.maven.config.Setting;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The settings of every goal that calls CodePipeline, the job goals and the job worker alike: where (region,
 * endpoint), as whom (profile), how long (timeout, attempts), and whether only to print what it would do.
 */
abstract class AbstractCodePipelineMojo extends AbstractMojo {
    /**
     * The pipeline's AWS region, such as {@code us-east-1}. When not set: the {@code AWS_REGION} or
     * {@code AWS_DEFAULT_REGION} environment variable, the region of the {@code profile}, then the AWS SDK's region
     * chain.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.region")
    private String region;

    /**
     * Another CodePipeline endpoint, an http(s) URL, for a VPC endpoint or a test server, such as
     * {@code http://127.0.0.1:8080}. When not set: the {@code AWS_ENDPOINT_URL_CODEPIPELINE} or
     * {@code AWS_ENDPOINT_URL} environment variable, then AWS's regional endpoint.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.endpoint")
    private String endpoint;

    /**
     * The profile in {@code ~/.aws/config} and {@code ~/.aws/credentials} to take the credentials from (and the
     * region, when none is set), such as {@code ci}. When not set: the {@code AWS_PROFILE} environment variable, then
     * the AWS SDK's default credential chain.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.profile")
    private String profile;

    /**
     * {@code true} prints what would be done and calls nothing: for a job goal the call that would be made (job ID,
     * failure type, message...), with no client token, credentials or network needed; for {@code work}, what the
     * worker would poll for and run. Default {@code false}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.dryRun", defaultValue = "false")
    private String dryRun;

    /**
     * Seconds a call may take, retries included: 1-3600, such as {@code 20}. Default {@code 60}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.timeout", defaultValue = "60")
    private String timeout;

    /**
     * Attempts at most per call, the first included, when CodePipeline throttles, answers with a 5xx status or the
     * connection fails: 1-20, such as {@code 1} for no retries. Default {@code 5}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "codepipeline.maxAttempts", defaultValue = "5")
    private String maxAttempts;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Puts these settings into {@code parameters}, by {@code <configuration>} element name. */
    protected final void putCallParameters(Map<String, String> parameters) {
        parameters.put(Setting.REGION.element(), region);
        parameters.put(Setting.ENDPOINT.element(), endpoint);
        parameters.put(Setting.PROFILE.element(), profile);
        parameters.put(Setting.DRY_RUN.element(), dryRun);
        parameters.put(Setting.TIMEOUT.element(), timeout);
        parameters.put(Setting.MAX_ATTEMPTS.element(), maxAttempts);
    }
}
