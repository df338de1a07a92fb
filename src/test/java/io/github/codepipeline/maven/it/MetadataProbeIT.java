package io.github.codepipeline.maven.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A region and keys that were given are never looked up again: outside EC2, a probe of the instance metadata
 * service costs seconds. The SDK is pointed at a recording stand-in for that service
 * ({@code AWS_EC2_METADATA_SERVICE_ENDPOINT}), with the metadata service enabled, unlike in the other tests.
 */
class MetadataProbeIT extends EndpointSupport {
    private CodePipelineEndpoint metadataService;

    @BeforeEach
    void startMetadataService() {
        metadataService = new CodePipelineEndpoint();
    }

    @AfterEach
    void stopMetadataService() {
        metadataService.close();
    }

    @Test
    void explicitRegionAndKeysNeverReachTheMetadataService() {
        MavenBuild.Result result = withMetadataService(build("compile-failure", "metadataExplicit"))
                .args("verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(endpoint.requests(CodePipelineEndpoint.FAILURE)).hasSize(1);
        assertThat(metadataService.allRequests()).as("requests to the instance metadata service").isEmpty();
    }

    /** The control: without a region, the SDK's region chain does ask the stand-in, so the check above can see it. */
    @Test
    void withoutRegionTheSdkChainAsksTheMetadataService() {
        MavenBuild.Result result = withMetadataService(build("compile-failure", "metadataNoRegion"))
                .env("AWS_REGION", null)
                .args("verify")
                .run();

        assertThat(result.exitCode).as(result.toString()).isEqualTo(1);
        assertThat(metadataService.allRequests()).as("requests to the instance metadata service").isNotEmpty();
        assertThat(result.lines("[ERROR] CodePipeline: No AWS region")).as(result.toString()).hasSize(1);
    }

    private MavenBuild withMetadataService(MavenBuild build) {
        return build.env("AWS_EC2_METADATA_DISABLED", null)
                .env("AWS_EC2_METADATA_SERVICE_ENDPOINT", metadataService.url());
    }
}
