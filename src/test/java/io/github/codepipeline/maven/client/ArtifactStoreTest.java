package io.github.codepipeline.maven.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.codepipeline.maven.config.Secrets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ArtifactStoreTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void partsOf8MiBUntil10000PartsNoLongerHoldTheOutput() {
        assertThat(ArtifactStore.partSize(70 * MIB)).isEqualTo(8 * MIB);
        assertThat(ArtifactStore.partSize(80_000 * MIB)).isEqualTo(8 * MIB);
        assertThat(ArtifactStore.partSize(80_001 * MIB)).isEqualTo(9 * MIB);
        long huge = 1024L * 1024 * MIB; // 1 TiB
        long part = ArtifactStore.partSize(huge);
        assertThat(part % MIB).isZero();
        assertThat(part * ArtifactStore.MAX_PARTS).isGreaterThanOrEqualTo(huge);
        assertThat(part).isLessThanOrEqualTo(5L * 1024 * MIB); // S3's largest part
    }

    @Test
    void jobDetailsKeepTheArtifactCredentialsOutOfEverythingPrintable() {
        JobDetails job = new JobDetails(Collections.singletonMap("codepipeline.job.pipelineName", "shop"),
                Collections.<ArtifactLocation>emptyList(),
                Collections.singletonList(new ArtifactLocation("Out", "bucket", "key", null)), null,
                new String[] {"ASIAKEY0000000000001", "secret-key-value-123", "session-token-value-456"});
        assertThat(job.toString()).doesNotContain("ASIAKEY").doesNotContain("secret-key").doesNotContain("session-token")
                .contains("(hidden)");
        assertThat(job.properties().toString()).doesNotContain("secret-key").doesNotContain("session-token");
        assertThat(job.secrets(Secrets.none()).redact("a secret-key-value-123 and session-token-value-456 and ASIAKEY0000000000001"))
                .isEqualTo("a **** and **** and ****");
    }

    @Test
    void encryptionIsAlwaysKms() {
        assertThat(ArtifactStore.encryptionText(null)).isEqualTo("aws:kms with S3's default KMS key");
        assertThat(ArtifactStore.encryptionText("arn:k")).isEqualTo("aws:kms with the key arn:k");
    }
}
