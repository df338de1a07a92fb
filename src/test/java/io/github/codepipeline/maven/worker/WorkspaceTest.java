package io.github.codepipeline.maven.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path directory;

    @Test
    void aHostileJobIdStaysInsideTheWorkDirectoryAndIsBounded() throws Exception {
        Workspace workspace = Workspace.create(directory, "../../etc/passwd");
        assertThat(workspace.directory.getParent()).isEqualTo(directory);
        assertThat(workspace.directory.getFileName().toString()).isEqualTo("job-______etc_passwd");

        Workspace longOne = Workspace.create(directory, "x".repeat(512));
        assertThat(longOne.directory.getFileName().toString()).hasSize(104);
    }

    @Test
    void eachJobGetsAFreshWorkspaceAndItIsDeletedWithoutFollowingLinks() throws Exception {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.write(outside.resolve("keep"), new byte[] {1});
        Workspace first = Workspace.create(directory.resolve("work"), "job-1");
        Files.write(first.source.resolve("old"), new byte[] {1});
        Files.createSymbolicLink(first.source.resolve("link"), outside);

        Workspace again = Workspace.create(directory.resolve("work"), "job-1");

        assertThat(again.source).isEmptyDirectory();
        assertThat(again.log).exists();
        assertThat(outside.resolve("keep")).exists();
        again.delete();
        assertThat(again.directory).doesNotExist();
    }
}
