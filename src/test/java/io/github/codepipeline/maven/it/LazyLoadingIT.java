package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A build that reports nothing pays nothing: with {@code -verbose:class} the JVM logs every class it loads, and no
 * AWS SDK class may be among them unless a report is made, with or without a job. The plugin jar carries the SDK relocated under
 * {@value #SDK}; an SDK class under its original name would mean the relocation missed it. The last test is the
 * control: a report does load the SDK, so the check can see it.
 */
class LazyLoadingIT extends EndpointSupport {
    static final String JOB_ID = "9c8b7a6f-5e4d-4c3b-9a1f-0e9d8c7b6a5f";
    static final String SDK = "io.github.codepipeline.maven.shaded.";
    static final String UNRELOCATED_SDK = "software.amazon.";
    static final String PARTICIPANT = "io.github.codepipeline.maven.automatic.CodePipelineLifecycleParticipant";

    @Test
    void passingBuildLoadsNoSdkClass() {
        MavenBuild.Result result = MavenBuild.of("passing", "lazyPassing")
                .mavenOpts("-verbose:class")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(loaded(result, PARTICIPANT)).as("the extension was loaded").isNotEmpty();
        assertThat(loaded(result, SDK)).as("AWS SDK classes loaded by a passing build").isEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).isEmpty();
        assertThat(endpoint.requests()).isEmpty();
    }

    /** upload-output bound in the pom, a build outside CodePipeline: one INFO line, no SDK (S3's included). */
    @Test
    void buildWithUploadOutputButWithoutJobLoadsNoSdkClass() {
        MavenBuild.Result result = MavenBuild.of("artifacts-app", "lazyUploadNoJob")
                .mavenOpts("-verbose:class")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("[INFO] CodePipeline: no job ID")).hasSize(1);
        assertThat(loaded(result, "io.github.codepipeline.maven.UploadOutputMojo")).as("the goal ran").isNotEmpty();
        assertThat(loaded(result, SDK)).as("AWS SDK classes loaded by upload-output without a job").isEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).isEmpty();
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void failingBuildWithoutJobLoadsNoSdkClass() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "lazyNoJob")
                .mavenOpts("-verbose:class")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(result.lines("[INFO] CodePipeline: no job ID")).hasSize(1);
        assertThat(loaded(result, PARTICIPANT)).as("the extension was loaded").isNotEmpty();
        assertThat(loaded(result, SDK)).as("AWS SDK classes loaded by a failing build without a job").isEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).isEmpty();
        assertThat(endpoint.requests()).isEmpty();
    }

    /** A build with a job differs from one without only by the interruption hook: nothing is prepared ahead. */
    @Test
    void passingBuildWithJobLoadsNoSdkClassAndSendsNothing() {
        MavenBuild.Result result = MavenBuild.of("passing", "lazyPassingWithJob")
                .mavenOpts("-verbose:class")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", "tok-lazy")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(loaded(result, PARTICIPANT)).as("the extension was loaded").isNotEmpty();
        assertThat(loaded(result, SDK)).as("AWS SDK classes loaded by a passing build with a job").isEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).isEmpty();
        assertThat(endpoint.allRequests()).isEmpty();
    }

    @Test
    void reportingLoadsTheSdkSoTheCheckCanSeeIt() {
        MavenBuild.Result result = MavenBuild.of("compile-failure", "lazyReport")
                .mavenOpts("-verbose:class")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", "tok-lazy")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(loaded(result, SDK + "awssdk.services.codepipeline.CodePipelineClient")).isNotEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).as("SDK classes that escaped relocation").isEmpty();
        // Keys from the environment need neither STS nor IAM Identity Center: their clients stay unloaded.
        assertThat(loaded(result, SDK + "awssdk.services.sts.")).isEmpty();
        assertThat(loaded(result, SDK + "awssdk.services.sso")).isEmpty();
        // Nor does a report need S3, its client or its metadata (GeneratedServiceMetadataProvider makes it only for S3).
        assertThat(loaded(result, SDK + "awssdk.services.s3.")).isEmpty();
        assertThat(loaded(result, SDK + "awssdk.regions.servicemetadata.S3")).isEmpty();
    }

    /** The {@code -verbose:class} lines of classes whose name starts with {@code prefix}. */
    private static List<String> loaded(MavenBuild.Result result, String prefix) {
        List<String> lines = result.lines("[class,load] " + prefix);
        lines.addAll(result.lines("[Loaded " + prefix));
        return lines;
    }
}
