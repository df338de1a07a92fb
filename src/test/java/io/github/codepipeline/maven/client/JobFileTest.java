package io.github.codepipeline.maven.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFileTest {
    @TempDir
    Path directory;

    private static JobDetails details() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("codepipeline.job.pipelineName", "shop\u00e9-\u4e2d");
        properties.put("codepipeline.job.config.Goal", "line1\nline2=x\\y");
        return new JobDetails(properties,
                Arrays.asList(new ArtifactLocation("Source", "bucket-in", "in/key.zip", "9fceb02")),
                Arrays.asList(new ArtifactLocation("BuildOutput", "bucket-out", "out/key", null),
                        new ArtifactLocation("Docs", "bucket-out", "out/docs", null)),
                "arn:aws:kms:us-east-1:111122223333:key/k", new String[] {"ASIAJOB", "job-secret", "job-session"});
    }

    @Test
    void whatTheWorkerWritesTheBuildReadsBackMode600() throws Exception {
        Path file = directory.resolve("job.properties");
        JobFile.write(file, "job-1", "ThirdParty", details());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JobDetails read = JobFile.read(file, "job-1");
        assertThat(read.properties()).isEqualTo(details().properties());
        assertThat(read.inputArtifacts()).extracting(Object::toString).containsExactly("Source (s3://bucket-in/in/key.zip)");
        assertThat(read.inputArtifacts().get(0).revision()).isEqualTo("9fceb02");
        assertThat(read.outputArtifacts()).extracting(ArtifactLocation::name).containsExactly("BuildOutput", "Docs");
        assertThat(read.encryptionKeyId()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/k");
        assertThat(read.artifactCredentials()).containsExactly("ASIAJOB", "job-secret", "job-session");
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).startsWith("#").contains("version=1");
    }

    @Test
    void aFileOfAnotherJobOrVersionOrNoneIsOneLineWithoutItsPath() throws Exception {
        Path file = directory.resolve("job.properties");
        JobFile.write(file, "job-1", "Custom", details());
        assertThatThrownBy(() -> JobFile.read(file, "job-2")).isInstanceOf(ReportException.class)
                .hasMessageContaining("is for another job than job-2").hasMessageNotContaining(directory.toString());
        assertThatThrownBy(() -> JobFile.write(file, "job-1", "Custom", details())).hasMessageContaining("already exists");

        Path old = Files.write(directory.resolve("old"), "version=0\njobId=job-1\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> JobFile.read(old, "job-1")).hasMessageContaining("has version 0, not 1");
        assertThatThrownBy(() -> JobFile.read(directory.resolve("none"), "job-1")).hasMessageContaining("is not a plain file")
                .hasMessageNotContaining(directory.toString());
    }
}
