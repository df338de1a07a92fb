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
        assertThat(workspace.directory.getFileName().toString()).matches("job-______etc_passwd-[0-9a-f]{12}");

        Workspace longOne = Workspace.create(directory, "x".repeat(512));
        assertThat(longOne.directory.getFileName().toString()).hasSize(4 + 100 + 1 + 12);
    }

    @Test
    void jobIdsThatDifferOnlyInReplacedCharactersOrAfterTheHundredthNeverShareAWorkspace() throws Exception {
        Workspace slash = Workspace.create(directory, "job/1");
        Files.write(slash.source.resolve("running"), new byte[] {1});
        Workspace colon = Workspace.create(directory, "job:1");
        Workspace longA = Workspace.create(directory, "x".repeat(100) + "a");
        Files.write(longA.source.resolve("running"), new byte[] {1});
        Workspace longB = Workspace.create(directory, "x".repeat(100) + "b");

        assertThat(colon.directory).isNotEqualTo(slash.directory);
        assertThat(longB.directory).isNotEqualTo(longA.directory);
        assertThat(slash.source.resolve("running")).exists();
        assertThat(longA.source.resolve("running")).exists();
        assertThat(Workspace.name("job/1")).isEqualTo(Workspace.name("job/1")).startsWith("job-job_1-");
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
