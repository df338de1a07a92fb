package io.github.codepipeline.maven.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.artifact.FileSet;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code upload-output}'s calls: what reaches S3 and CodePipeline, what is written and what is said. */
class ArtifactCallsUploadTest extends ArtifactCallsFixture {
    @Test
    void uploadsOneZipAtTheExactKeyWithTheArtifactCredentialsAndTheKmsKeyThenDeletesIt() throws Exception {
        answerJob(map(), map("BuildOutput", "shop/BuildOutpu/x7Yz9Ab"), KMS_KEY);

        upload(List.of(new ArtifactCalls.Output(null, files())));

        List<LoggedRequest> requests = s3Requests();
        assertThat(requests).hasSize(1);
        LoggedRequest put = requests.get(0);
        assertThat(put.getMethod().getName()).isEqualTo("PUT");
        assertThat(put.getUrl()).isEqualTo("/" + BUCKET + "/shop/BuildOutpu/x7Yz9Ab");
        assertThat(put.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        assertThat(put.getHeader("Authorization")).contains("Credential=" + ARTIFACT_KEYS[0] + "/");
        assertThat(put.getHeader("X-Amz-Security-Token")).isEqualTo(ARTIFACT_KEYS[2]);
        assertThat(unzip(body(put))).containsExactly(Map.entry("app.jar", "jar bytes"), Map.entry("bin/start", "#!/bin/sh\n"));
        assertThat(endpoint.requests(JOB_DETAILS)).hasSize(1);
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("INFO CodePipeline: zipped 2 files from "
                + java.util.regex.Pattern.quote(dir.resolve("app").toString()) + " for the output artifact BuildOutput \\(0\\.0 MB, 2 stored, 0 deflated\\) in \\d+ ms\\."));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("INFO CodePipeline: Uploaded BuildOutput: 0\\.0 MB in \\d+ ms \\(.*\\) at s3://"
                + BUCKET + "/shop/BuildOutpu/x7Yz9Ab; zipped 0\\.0 MB at .* \\(2 stored, 0 deflated\\), sent at .* in one PutObject\\."));
        assertThat(lines).contains("INFO CodePipeline: uploaded the output artifact BuildOutput to s3://" + BUCKET
                + "/shop/BuildOutpu/x7Yz9Ab (aws:kms with the key " + KMS_KEY + ").");
        try (Stream<Path> left = Files.list(dir.resolve("work"))) {
            assertThat(left).as("the zip, deleted after its upload").isEmpty();
        }
        assertNoSecrets();
    }

    @Test
    void severalNamedOutputsGoEachToItsArtifact() throws Exception {
        answerJob(map(), map("App", "p/App/1", "Docs", "p/Docs/2"), null);
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.write(docs.resolve("readme.md"), "# docs".getBytes(StandardCharsets.UTF_8));

        upload(List.of(new ArtifactCalls.Output("Docs", new FileSet(docs, null, null)), new ArtifactCalls.Output("App", files())));

        List<LoggedRequest> puts = s3Requests();
        assertThat(puts).extracting(LoggedRequest::getUrl).containsExactly("/" + BUCKET + "/p/Docs/2", "/" + BUCKET + "/p/App/1");
        assertThat(unzip(body(puts.get(0)))).containsOnlyKeys("readme.md");
        assertThat(puts.get(0).containsHeader("x-amz-server-side-encryption-aws-kms-key-id")).isFalse();
        assertThat(lines).contains("INFO CodePipeline: uploaded the output artifact Docs to s3://" + BUCKET
                + "/p/Docs/2 (aws:kms with S3's default KMS key).");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("INFO CodePipeline: zipped 1 file from "));
    }

    /** A zip that expands past download-input's default maxInputSize: one warning, before any call, naming the fix. */
    @Test
    void anOutputLargerThanDownloadInputAcceptsByDefaultIsWarnedAbout() throws Exception {
        Path big = Files.createDirectories(dir.resolve("big"));
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(big.resolve("disk.img").toFile(), "rw")) {
            sparse.setLength(4097L * 1024 * 1024); // a sparse file: no disk space taken, never read in a dry run
        }

        upload(List.of(new ArtifactCalls.Output("Image", new FileSet(big, null, null)), new ArtifactCalls.Output("App", files())),
                "codepipeline.dryRun", "true");

        assertThat(lines).filteredOn(line -> line.startsWith("WARN")).containsExactly("WARN CodePipeline: the output"
                + " artifact Image from " + big + " expands to 4097.0 MB, past the 4096 MB download-input accepts by"
                + " default: where it is downloaded, set -Dcodepipeline.maxInputSize=4097 or more.");
        assertThat(s3Requests()).isEmpty();
        assertThat(endpoint.requests(JOB_DETAILS)).isEmpty();
    }

    @Test
    void aDryRunListsEachOutputAndItsFilesAndCallsNothing() throws Exception {
        upload(List.of(new ArtifactCalls.Output(null, files()), new ArtifactCalls.Output("Docs", files())),
                "codepipeline.dryRun", "true");

        assertThat(lines).containsSubsequence(
                "INFO CodePipeline: dry run (codepipeline.dryRun=true): nothing is read from or written to CodePipeline"
                        + " or S3. upload-output would upload:",
                "INFO   output artifact (the job's only one): a zip of 2 files (0.0 MB) from " + dir.resolve("app")
                        + ", to the bucket and key GetThirdPartyJobDetails names, encrypted with aws:kms (the job's KMS"
                        + " key, else S3's default KMS key):",
                "INFO     app.jar (9 bytes)",
                "INFO     bin/start (10 bytes)",
                "INFO   output artifact Docs: a zip of 2 files (0.0 MB) from " + dir.resolve("app")
                        + ", to the bucket and key GetThirdPartyJobDetails names, encrypted with aws:kms (the job's KMS"
                        + " key, else S3's default KMS key):");
        assertThat(endpoint.requests()).isEmpty();
        assertThat(s3Requests()).isEmpty();
        assertThat(dir.resolve("work")).doesNotExist();
    }

    @Test
    void aJobWithoutOutputsUploadsNothingUnlessAnOutputWasNamed() throws Exception {
        answerJob(map("Source", "p/Source/1"), map(), null);

        upload(List.of(new ArtifactCalls.Output(null, files())));
        assertThat(lines).containsExactly(
                "DEBUG CodePipeline: signing with the build's environment variables AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.",
                "INFO CodePipeline: job " + JOB_ID + " has no output artifact: nothing to upload.");

        assertThatThrownBy(() -> upload(List.of(new ArtifactCalls.Output("BuildOutput", files()))))
                .isInstanceOf(ReportException.class)
                .hasMessage("The job has no output artifact named BuildOutput. Check -Dcodepipeline.outputArtifact.");
        assertThat(s3Requests()).isEmpty();
    }

    @Test
    void anUnknownOrAmbiguousOutputIsOneLineListingTheJobsOutputs() throws Exception {
        answerJob(map(), map("App", "p/App/1", "Docs", "p/Docs/2"), null);

        assertThatThrownBy(() -> upload(List.of(new ArtifactCalls.Output(null, files()))))
                .isInstanceOf(ReportException.class)
                .hasMessage("The job has 2 output artifacts (App, Docs): name the one to use with -Dcodepipeline.outputArtifact,"
                        + " or list each in <outputs>.");
        assertThatThrownBy(() -> upload(List.of(new ArtifactCalls.Output("App", files()), new ArtifactCalls.Output("Site", files()))))
                .isInstanceOf(ReportException.class)
                .hasMessage("The job has no output artifact named Site; its output artifacts are: App, Docs. Check"
                        + " -Dcodepipeline.outputArtifact.");
        assertThat(s3Requests()).as("nothing is uploaded before every output has its artifact").isEmpty();
    }

    @Test
    void expiredArtifactCredentialsAreRenewedOnceThenItIsAnError() throws Exception {
        answerJob(map(), map("BuildOutput", "p/Build/1"), null);
        failOnce("p/Build/1", "expired", "ExpiredToken");

        upload(List.of(new ArtifactCalls.Output(null, files())));

        assertThat(endpoint.requests(JOB_DETAILS)).hasSize(2);
        assertThat(lines).contains("INFO CodePipeline: the job's artifact credentials expired; reading the job's details again"
                + " for new ones.");
        assertThat(s3Requests()).hasSize(2);

        s3.resetRequests();
        s3.stubFor(put(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/xml")
                .withBody("<Error><Code>ExpiredToken</Code><Message>expired</Message></Error>")));
        assertThatThrownBy(() -> upload(List.of(new ArtifactCalls.Output(null, files()))))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("The job's artifact credentials expired during PutObject of s3://" + BUCKET + "/p/Build/1")
                .hasMessageEndingWith(" They expired again after the job's details were read anew; check the clock of this"
                        + " machine, then run the job again.");
        assertThat(s3Requests()).hasSize(2);
    }

    @Test
    void renewedDetailsThatNoLongerListTheArtifactAreAnError() throws Exception {
        answerJob(map(), map("BuildOutput", "p/Build/1"), null);
        failOnce("p/Build/1", "expired", "ExpiredToken");
        endpoint.answerInTurn(JOB_DETAILS,
                CodePipelineEndpoint.ok(jobJson(map(), map("BuildOutput", "p/Build/1"))),
                CodePipelineEndpoint.ok(jobJson(map(), map("Other", "p/Other/1"))));

        assertThatThrownBy(() -> upload(List.of(new ArtifactCalls.Output(null, files()))))
                .isInstanceOf(ReportException.class)
                .hasMessage("The job's details, read again, no longer list the artifact BuildOutput.");
    }

    private String jobJson(Map<String, String> inputs, Map<String, String> outputs) {
        return "{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"nonce\":\"1\",\"data\":{\"inputArtifacts\":" + artifacts(inputs)
                + ",\"outputArtifacts\":" + artifacts(outputs) + ",\"artifactCredentials\":{\"accessKeyId\":\""
                + ARTIFACT_KEYS[0] + "\",\"secretAccessKey\":\"" + ARTIFACT_KEYS[1] + "\",\"sessionToken\":\""
                + ARTIFACT_KEYS[2] + "\"}}}}";
    }
}
