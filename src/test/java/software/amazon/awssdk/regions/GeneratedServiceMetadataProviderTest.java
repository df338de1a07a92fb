package software.amazon.awssdk.regions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.servicemetadata.CodepipelineServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.S3ServiceMetadata;

/** The plugin's one-service replacement of the SDK's provider still plugs into the SDK as the original did. */
class GeneratedServiceMetadataProviderTest {
    @Test
    void servesCodePipelinesMetadata() {
        ServiceMetadata metadata = ServiceMetadata.of(GeneratedServiceMetadataProvider.CODEPIPELINE);
        assertThat(metadata).isInstanceOf(CodepipelineServiceMetadata.class);
        assertThat(metadata.endpointFor(Region.US_EAST_1).toString()).isEqualTo("codepipeline.us-east-1.amazonaws.com");
        assertThat(metadata.regions()).contains(Region.US_EAST_1, Region.EU_WEST_1);
    }

    @Test
    void servesS3sMetadataForTheArtifactStore() {
        assertThat(ServiceMetadata.of(GeneratedServiceMetadataProvider.S3)).isInstanceOf(S3ServiceMetadata.class);
    }

    @Test
    void leavesOtherServicesToTheSdksDefault() {
        ServiceMetadata metadata = ServiceMetadata.of("sts");
        assertThat(metadata).isInstanceOf(DefaultServiceMetadata.class);
        assertThat(metadata.endpointFor(Region.US_EAST_1).toString()).isEqualTo("sts.us-east-1.amazonaws.com");
    }
}
