package io.github.codepipeline.maven.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.Zips;
import io.github.codepipeline.maven.client.ReportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code download-input}'s calls: what reaches S3 and CodePipeline, what is unpacked or saved and what is said. */
class ArtifactCallsDownloadTest extends ArtifactCallsFixture {
    @Test
    void downloadsAndUnpacksTheOnlyInputIntoTheDirectory() throws Exception {
        answerJob(map("SourceOutput", "p/Source/1"), map(), null);
        serve("p/Source/1", zip(new Zips().file("pom.xml", "<project/>").file("src/App.java", "class App {}")));
        Path into = dir.resolve("into");

        List<ArtifactCalls.Downloaded> downloaded = download(into);

        assertThat(downloaded).hasSize(1);
        assertThat(downloaded.get(0).artifact).isEqualTo("SourceOutput");
        assertThat(downloaded.get(0).revision).isEqualTo("rev-SourceOutput");
        assertThat(into.resolve("pom.xml")).hasContent("<project/>");
        assertThat(into.resolve("src/App.java")).hasContent("class App {}");
        LoggedRequest request = s3Requests().get(0);
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo("/" + BUCKET + "/p/Source/1");
        assertThat(request.getHeader("X-Amz-Security-Token")).isEqualTo(ARTIFACT_KEYS[2]);
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("INFO CodePipeline: unpacked the input artifact SourceOutput"
                + " \\(2 files, 0\\.0 MB unpacked, from a zip of 0\\.0 MB\\) into " + java.util.regex.Pattern.quote(into.toString())
                + ", revision rev-SourceOutput, in \\d+ ms\\."));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("INFO CodePipeline: Downloaded SourceOutput: 0.0 MB in "));
        try (Stream<Path> files = Files.list(into)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("pom.xml", "src");
        }
        assertNoSecrets();
    }

    @Test
    void severalInputsGoEachIntoItsFolderAndOneCanBeChosen() throws Exception {
        answerJob(map("Source", "p/Source/1", "Config", "p/Config/2"), map(), null);
        serve("p/Source/1", zip(new Zips().file("pom.xml", "<project/>")));
        serve("p/Config/2", zip(new Zips().file("env.yml", "env: test")));
        Path into = dir.resolve("into");

        assertThat(download(into)).extracting(d -> d.artifact).containsExactly("Source", "Config");
        assertThat(into.resolve("Source/pom.xml")).hasContent("<project/>");
        assertThat(into.resolve("Config/env.yml")).hasContent("env: test");

        Path one = dir.resolve("one");
        assertThat(download(one, "codepipeline.inputArtifact", "Config")).extracting(d -> d.artifact).containsExactly("Config");
        assertThat(one.resolve("env.yml")).hasContent("env: test");
        assertThatThrownBy(() -> download(one, "codepipeline.inputArtifact", "Missing"))
                .isInstanceOf(ReportException.class)
                .hasMessage("The job has no input artifact named Missing; its input artifacts are: Source, Config. Check"
                        + " -Dcodepipeline.inputArtifact.");
    }

    @Test
    void anObjectThatIsNotAZipIsSavedAsItIsAndReplacedOnlyWithOverwrite() throws Exception {
        answerJob(map("Notes", "p/Notes/release.txt"), map(), null);
        serve("p/Notes/release.txt", "just text\n".getBytes(StandardCharsets.UTF_8));
        Path into = dir.resolve("into");

        download(into);

        assertThat(into.resolve("release.txt")).hasContent("just text");
        assertThat(lines).contains("WARN CodePipeline: the input artifact Notes (s3://" + BUCKET + "/p/Notes/release.txt) is"
                + " not a zip file; saved it as it is, as " + into.resolve("release.txt") + " (0.0 MB).");
        assertThatThrownBy(() -> download(into))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("Not saving the input artifact Notes: " + into.resolve("release.txt") + " already exists. Set"
                        + " -Dcodepipeline.overwrite=true to replace existing files.");
        Files.write(into.resolve("release.txt"), "old".getBytes(StandardCharsets.UTF_8));
        download(into, "codepipeline.overwrite", "true");
        assertThat(into.resolve("release.txt")).hasContent("just text");
        try (Stream<Path> files = Files.list(into)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no download left behind").containsExactly("release.txt");
        }
    }

    @Test
    void aNonZipWhoseKeyEndsInASlashIsSavedUnderTheArtifactsName() throws Exception {
        answerJob(map("Notes", "p/Notes/"), map(), null);
        serve("p/Notes/", "text".getBytes(StandardCharsets.UTF_8));

        download(dir.resolve("into"));

        assertThat(dir.resolve("into/Notes")).hasContent("text");
    }

    @Test
    void aDryRunSaysWhatWouldBeDownloadedAndWhere() throws Exception {
        Path into = dir.resolve("into");
        assertThat(download(into, "codepipeline.dryRun", "true")).isEmpty();
        assertThat(download(into, "codepipeline.dryRun", "true", "codepipeline.inputArtifact", "Source",
                "codepipeline.overwrite", "true", "codepipeline.maxInputSize", "12")).isEmpty();

        assertThat(lines).containsExactly(
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is read from CodePipeline or S3, nothing is"
                        + " written. download-input would download every input artifact of the job (locations from"
                        + " GetThirdPartyJobDetails) and unpack it into " + into + " (several: each into "
                        + into.resolve("<artifact name>") + "), refusing to replace existing files, refusing archives that"
                        + " expand past 4096 MB.",
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is read from CodePipeline or S3, nothing is"
                        + " written. download-input would download the input artifact Source (locations from"
                        + " GetThirdPartyJobDetails) and unpack it into " + into + ", replacing existing files, refusing"
                        + " archives that expand past 12 MB.");
        assertThat(endpoint.requests()).isEmpty();
        assertThat(into).doesNotExist();
    }

    @Test
    void aJobWithoutInputsDownloadsNothing() throws Exception {
        answerJob(map(), map("BuildOutput", "p/Build/1"), null);

        assertThat(download(dir.resolve("into"))).isEmpty();

        assertThat(lines).filteredOn(line -> !line.startsWith("DEBUG"))
                .containsExactly("INFO CodePipeline: job " + JOB_ID + " has no input artifact: nothing to download.");
        assertThat(s3Requests()).isEmpty();
    }

    @Test
    void anInputWithoutLocationOrWithANameThatIsNoFolderIsRefused() throws Exception {
        answerJob(map("Source", null), map(), null);
        assertThatThrownBy(() -> download(dir.resolve("into")))
                .isInstanceOf(ReportException.class)
                .hasMessage("CodePipeline gave no S3 location for the input artifact Source.");

        answerJob(map("Source", "p/Source/1", "..", "p/Up/1"), map(), null);
        serve("p/Source/1", zip(new Zips().file("pom.xml", "<project/>")));
        assertThatThrownBy(() -> download(dir.resolve("into")))
                .isInstanceOf(ArtifactException.class)
                .hasMessage("The input artifact name '..' cannot be a directory name.");
        assertThat(dir.resolve("pom.xml")).doesNotExist();
    }

    @Test
    void aZipThatExpandsPastTheBoundNamesTheSettingAndItsValue() throws Exception {
        answerJob(map("Source", "p/Source/1"), map(), null);
        serve("p/Source/1", zip(new Zips().file("zeros.bin", new byte[2 * 1024 * 1024], 0100644)));

        assertThatThrownBy(() -> download(dir.resolve("into"), "codepipeline.maxInputSize", "1"))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("the input artifact Source (s3://" + BUCKET + "/p/Source/1)")
                .hasMessageContaining("-Dcodepipeline.maxInputSize (in MB, now 1)");
        assertThat(dir.resolve("into/zeros.bin")).doesNotExist();
    }
}
