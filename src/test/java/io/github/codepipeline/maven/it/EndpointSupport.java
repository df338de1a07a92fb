package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What the integration tests share: a fresh local CodePipeline per test, answering 200 to everything by default. */
abstract class EndpointSupport {
    protected CodePipelineEndpoint endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = new CodePipelineEndpoint().acceptAll();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    /** A build of {@code it/<project>} with a job, its token in the environment, and this endpoint. */
    protected MavenBuild build(String project, String test) {
        return build(project, test, endpoint.url());
    }

    /** The same, reporting to another endpoint. */
    protected static MavenBuild build(String project, String test, String endpointUrl) {
        return MavenBuild.of(project, test)
                .env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .args("-Dcodepipeline.endpoint=" + endpointUrl);
    }
}
