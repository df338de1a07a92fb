package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.CodepipelineServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.S3ServiceMetadata;

/**
 * Replaces the AWS SDK's class of the same name in the plugin jar (the shade plugin leaves the SDK's copy out, see
 * the pom). The SDK's version creates the metadata of every AWS service, about 370 classes, the first time a client
 * is built: some 0.1 s of a report's time in a fresh JVM, and 0.7 MB of the jar. The plugin talks to two
 * services: CodePipeline, and S3 for the artifacts.
 * For any other endpoint prefix this returns {@code null}, which {@link ServiceMetadata#of(String)} answers with the
 * SDK's {@code DefaultServiceMetadata}, as it does for a service it does not know. {@code
 * GeneratedServiceMetadataProviderTest} checks that the SDK still calls it that way.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {
    static final String CODEPIPELINE = "codepipeline";
    static final String S3 = "s3";

    /** Made when asked for (a few times per client), so that a report does not load S3's metadata, nor an upload CodePipeline's. */
    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        if (CODEPIPELINE.equals(endpointPrefix)) {
            return new CodepipelineServiceMetadata();
        }
        return S3.equals(endpointPrefix) ? new S3ServiceMetadata() : null;
    }
}
