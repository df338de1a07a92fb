package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A build that reports nothing pays nothing: with {@code -verbose:class} the JVM logs every class it loads, and no
 * AWS SDK class may be among them unless a report can be made: a build with a job prepares the SDK in the background
 * (unless {@code codepipeline.warmUp=false}), a build without one never loads it. The plugin jar carries the SDK relocated under
 * {@value #SDK}; an SDK class under its original name would mean the relocation missed it. The last test is the
 * control: a report does load the SDK, so the check can see it.
 */
class LazyLoadingIT extends EndpointSupport {
    static final String JOB_ID = "9c8b7a6f-5e4d-4c3b-9a1f-0e9d8c7b6a5f";
    static final String SDK = "io.github.codepipeline.maven.shaded.";
    static final String UNRELOCATED_SDK = "software.amazon.";
    static final String PARTICIPANT = "io.github.codepipeline.maven.CodePipelineLifecycleParticipant";

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

    /** {@code codepipeline.warmUp=now}: the warm-up starts at once, without waiting for an idle processor. */
    @Test
    void passingBuildWithJobPreparesTheSdkButSendsNothing() {
        MavenBuild.Result result = MavenBuild.of("idle-test", "lazyWarmUp")
                .mavenOpts("-verbose:class")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", "tok-lazy")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.warmUp=now", "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(loaded(result, SDK + "awssdk.services.codepipeline.CodePipelineClient"))
                .as("the background warm-up of a build with a job").isNotEmpty();
        assertThat(loaded(result, UNRELOCATED_SDK)).isEmpty();
        assertThat(endpoint.allRequests()).as("the warm-up sends nothing").isEmpty();
    }

    /** The default: idle-test waits 2.5 s with the CPU idle, which is when the warm-up runs. */
    @Test
    void failureAfterAnIdleWaitIsReportedWithThePreparedSdk() {
        MavenBuild.Result result = MavenBuild.of("idle-test", "lazyWarmUpReport")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", "tok-lazy")
                .args("-X", "-Didle.fail=true", "-Dcodepipeline.endpoint=" + endpoint.url(), "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        List<String> prepared = result.lines("[DEBUG] CodePipeline: prepared the AWS SDK for a report in the background");
        assertThat(prepared).as(result.toString()).hasSize(1);
        assertThat(result.lines("[INFO] CodePipeline: reported the failure of job " + JOB_ID)).hasSize(1);
        assertThat(endpoint.requests()).hasSize(1);
        assertThat(endpoint.requests().get(0).getBodyAsString()).contains("waitsThenChecks");
    }

    @Test
    void warmUpFalseKeepsTheSdkUnloaded() {
        MavenBuild.Result result = MavenBuild.of("passing", "lazyNoWarmUp")
                .mavenOpts("-verbose:class")
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", "tok-lazy")
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.warmUp=false", "verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(loaded(result, PARTICIPANT)).as("the extension was loaded").isNotEmpty();
        assertThat(loaded(result, SDK)).as("AWS SDK classes loaded with codepipeline.warmUp=false").isEmpty();
        assertThat(endpoint.requests()).isEmpty();
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
    }

    /** The {@code -verbose:class} lines of classes whose name starts with {@code prefix}. */
    private static List<String> loaded(MavenBuild.Result result, String prefix) {
        List<String> lines = result.lines("[class,load] " + prefix);
        lines.addAll(result.lines("[Loaded " + prefix));
        return lines;
    }
}
