package io.github.codepipeline.maven.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The one pair of helpers between a mode's permission bits and a permission set, used by the zip and the unzip. */
class StagingTest {
    @Test
    void modesAndPermissionSetsAreTheSameBits() {
        assertThat(Staging.mode(PosixFilePermissions.fromString("rwxr-x---"))).isEqualTo(0750);
        assertThat(Staging.permissions(0644)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(Staging.permissions(0001)).containsExactly(PosixFilePermission.OTHERS_EXECUTE);
        for (int mode = 0; mode <= 0777; mode++) {
            assertThat(Staging.mode(Staging.permissions(mode))).isEqualTo(mode);
        }
    }
}
