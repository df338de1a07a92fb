package io.github.codepipeline.maven.it;

import static io.github.codepipeline.maven.it.CodePipelineEndpoint.FAILURE;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.SUCCESS;
import static io.github.codepipeline.maven.it.FailureReportIT.JOB_ID;
import static io.github.codepipeline.maven.it.FailureReportIT.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.artifact.Zips;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * upload-output and download-input against a real S3 server (s3proxy, SigV4, accepting only the job's artifact
 * credentials) and the local CodePipeline, whose GetThirdPartyJobDetails hands out that server's bucket, keys and
 * credentials. The build's own AWS keys ({@link MavenBuild#ACCESS_KEY}) are different: a request signed with them fails.
 */
class ArtifactsIT extends S3Support {
    static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String OUTPUT_KEY = "shop-pipeline/BuildOutpu/x7Yz9Ab";
    private static final String INPUT_KEY = "shop-pipeline/SourceOutp/q1W2e3R";

    /** A GetThirdPartyJobDetails answer; artifacts as name → object key. */
    static String job(Map<String, String> inputs, Map<String, String> outputs, String kmsKey, String accessKey) {
        return "{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"nonce\":\"1\",\"data\":{"
                + "\"pipelineContext\":{\"pipelineName\":\"shop-pipeline\",\"stage\":{\"name\":\"Build\"},\"action\":{\"name\":\"Maven\"}},"
                + "\"inputArtifacts\":" + artifacts(inputs) + ",\"outputArtifacts\":" + artifacts(outputs) + ","
                + (kmsKey == null ? "" : "\"encryptionKey\":{\"id\":\"" + kmsKey + "\",\"type\":\"KMS\"},")
                + "\"artifactCredentials\":{\"accessKeyId\":\"" + accessKey + "\",\"secretAccessKey\":\"" + S3Server.SECRET_KEY
                + "\",\"sessionToken\":\"" + S3Server.SESSION_TOKEN + "\"}}}}";
    }

    private static String artifacts(Map<String, String> artifacts) {
        return artifacts.entrySet().stream().map(e -> "{\"name\":\"" + e.getKey() + "\",\"revision\":\"rev-" + e.getKey()
                + "\",\"location\":{\"type\":\"S3\",\"s3Location\":{\"bucketName\":\"" + S3Server.BUCKET + "\",\"objectKey\":\""
                + e.getValue() + "\"}}}").collect(Collectors.joining(",", "[", "]"));
    }

    /** Artifact name → object key, from pairs; shared with {@link HostileArtifactsIT}. */
    static Map<String, String> map(String... nameKeyPairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameKeyPairs.length; i += 2) {
            map.put(nameKeyPairs[i], nameKeyPairs[i + 1]);
        }
        return map;
    }

    private void answerJob(Map<String, String> inputs, Map<String, String> outputs, String kmsKey) {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(job(inputs, outputs, kmsKey, S3Server.ACCESS_KEY)));
    }

    private MavenBuild artifactBuild(String project, String test) {
        return build(project, test).args("-Dcodepipeline.s3Endpoint=" + s3.url());
    }

    private MavenBuild emptyFolder(String test) {
        return MavenBuild.emptyFolder(test).env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .env("AWS_ENDPOINT_URL_S3", s3.url()).args("-Dcodepipeline.endpoint=" + endpoint.url());
    }

    /** Entry name → content of a zip. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private List<LoggedRequest> s3Writes() {
        return s3.requests().stream().filter(r -> r.getMethod().getName().equals("PUT") || r.getMethod().getName().equals("POST"))
                .collect(Collectors.toList());
    }

    /**
     * The artifact credentials, at any level; the client token too, except with -X, where maven-resources-plugin prints
     * the whole environment (the README says so).
     */
    private static void assertNoSecrets(MavenBuild.Result result) {
        assertThat(result.log).doesNotContain(S3Server.SECRET_KEY).doesNotContain(S3Server.SESSION_TOKEN)
                .doesNotContain(S3Server.ACCESS_KEY);
        if (!result.log.contains("[DEBUG]")) {
            assertThat(result.log).doesNotContain(TOKEN);
        }
    }

    @Test
    void uploadsTheMainArtifactAtTheExactKeyWithTheArtifactCredentialsAndTheJobsKmsKey() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), KMS_KEY);
        MavenBuild build = artifactBuild("artifacts-app", "uploadMainArtifact");
        MavenBuild.Result result = build.args("-X", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(s3.keys()).containsExactly(OUTPUT_KEY);
        Map<String, byte[]> zip = unzip(s3.get(OUTPUT_KEY));
        assertThat(zip.keySet()).containsExactly("shop-app-1.0.jar");
        assertThat(zip.get("shop-app-1.0.jar")).isEqualTo(Files.readAllBytes(build.directory().resolve("target/shop-app-1.0.jar")));
        List<LoggedRequest> puts = s3Writes();
        assertThat(puts).hasSize(1);
        LoggedRequest put = puts.get(0);
        assertThat(put.getUrl()).isEqualTo("/" + S3Server.BUCKET + "/" + OUTPUT_KEY);
        assertThat(put.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        assertThat(put.getHeader("Authorization")).contains("Credential=" + S3Server.ACCESS_KEY + "/");
        assertThat(put.getHeader("x-amz-security-token")).isEqualTo(S3Server.SESSION_TOKEN);
        assertThat(result.log).contains("CodePipeline: uploaded the output artifact BuildOutput to s3://" + S3Server.BUCKET
                + "/" + OUTPUT_KEY + " (aws:kms with the key " + KMS_KEY + ")");
        assertNoSecrets(result);
    }

    @Test
    void uploadsChosenFilesWithTheirModesAndTheDefaultKmsKeyWhenTheJobHasNone() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        MavenBuild build = artifactBuild("artifacts-app", "uploadChosenFiles");
        MavenBuild.Result result = build.args("-Dcodepipeline.outputFiles=target/*.jar,appspec.yml,scripts/**,mvnw", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        byte[] object = s3.get(OUTPUT_KEY);
        assertThat(unzip(object).keySet()).containsExactly("appspec.yml", "mvnw", "scripts/deploy.sh", "target/shop-app-1.0.jar");
        assertThat(unzip(object).get("mvnw")).isEqualTo(Files.readAllBytes(build.directory().resolve("mvnw")));
        // The mode as Info-ZIP and download-input read it: unpack with the plugin's own reader and look.
        Path unpacked = Files.createTempDirectory("unpacked");
        Path zip = Files.write(unpacked.resolve("o.zip"), object);
        io.github.codepipeline.maven.artifact.SafeUnzip.unzip(zip, unpacked.resolve("x"), false, 1 << 30, "o", "-D");
        assertThat(Files.isExecutable(unpacked.resolve("x/mvnw"))).isTrue();
        assertThat(Files.isExecutable(unpacked.resolve("x/scripts/deploy.sh"))).isTrue();
        assertThat(Files.isExecutable(unpacked.resolve("x/appspec.yml"))).isFalse();
        LoggedRequest put = s3Writes().get(0);
        assertThat(put.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.containsHeader("x-amz-server-side-encryption-aws-kms-key-id")).isFalse();
    }

    /**
     * 200 MB of random bytes go up in 26 parts of 8 MiB (the last one the zip's headers), 4 at a time, while the zip
     * is written, and come back, with Maven's JVM held to 64 MB: memory does not grow with the output. Straight to s3proxy, which keeps the objects on
     * disk here (the recording proxy and the in-memory store would hold them in memory). bench/artifacts.sh measures
     * the speed.
     */
    @Test
    void aLargeOutputGoesUpInParallelPartsAndComesBackInBoundedMemory() throws Exception {
        answerJob(map("BuildOutput", OUTPUT_KEY), map("BuildOutput", OUTPUT_KEY), null);
        MavenBuild build = build("artifacts-app", "largeOutput");
        byte[] block = new byte[1024 * 1024];
        java.util.Random random = new java.util.Random(15);
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.OutputStream out = Files.newOutputStream(build.directory().resolve("big.bin"))) {
            for (int i = 0; i < 200; i++) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
        }
        byte[] sha = digest.digest();
        Path storage = Files.createTempDirectory("s3-large");
        try (S3Server disk = new S3Server(storage)) {
            MavenBuild.Result upload = build.mavenOpts("-Xmx64m").args("-Dcodepipeline.s3Endpoint=" + disk.directUrl(),
                    "-Dcodepipeline.outputFiles=big.bin", MavenBuild.goal("upload-output")).run();
            assertThat(upload.exitCode).as(upload.toString()).isZero();
            assertThat(disk.keys()).contains(OUTPUT_KEY); // the file store lists its folders too
            assertThat(disk.uploadsInProgress()).isEmpty();
            assertThat(upload.lines("CodePipeline: zipped 1 file from")).singleElement().asString()
                    .contains("(200.0 MB, 1 stored, 0 deflated)");
            assertThat(upload.lines("CodePipeline: Uploaded BuildOutput: 200.0 MB in ")).singleElement().asString()
                    .containsPattern("; zipped 200\\.0 MB at [0-9.]+ MB/s \\(1 stored, 0 deflated\\), sent at [0-9.]+ MB/s"
                            + " in 26 parts, 4 at a time\\.$");
            assertThat(build.directory().resolve("target")).isEmptyDirectory(); // the spool file is gone
            Path object = Files.createTempFile("object", ".zip");
            disk.download(OUTPUT_KEY, object);
            assertThat(Zips.check(object)).containsExactly(java.util.Map.entry("big.bin", ZipEntry.STORED));
            Files.delete(object);

            MavenBuild download = emptyFolder("largeInput");
            MavenBuild.Result result = download.mavenOpts("-Xmx64m").env("AWS_ENDPOINT_URL_S3", disk.directUrl())
                    .args(MavenBuild.goal("download-input")).run();
            assertThat(result.exitCode).as(result.toString()).isZero();
            assertThat(sha256(download.directory().resolve("big.bin"))).isEqualTo(sha);
        } finally {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static byte[] sha256(Path file) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    /** A realistic output: a fat jar (random bytes, stored) and text files (deflated), 46 MB in all: 6 parts. */
    private MavenBuild realisticOutput(String test) throws IOException {
        MavenBuild build = build("artifacts-app", test);
        Path dist = Files.createDirectories(build.directory().resolve("dist/lib"));
        byte[] jar = new byte[40 * 1024 * 1024];
        new java.util.Random(23).nextBytes(jar);
        Files.write(dist.resolve("app.jar"), jar);
        for (int i = 0; i < 200; i++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 2000; line++) {
                text.append("config ").append(i).append(" line ").append(line).append(": value=").append(line * 31 % 977).append('\n');
            }
            Files.write(build.directory().resolve("dist/conf-" + i + ".properties"), text.toString().getBytes());
        }
        return build;
    }

    /** Parts arrive together (up to the concurrency, never more) and the object is the zip every reader reads. */
    @Test
    void partsGoUpSeveralAtATimeAndTheZipReadsEverywhere() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), KMS_KEY);
        s3.delayParts(1000);
        MavenBuild build = realisticOutput("uploadConcurrently");
        MavenBuild.Result result = build.args("-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.outputDirectory=dist",
                "-Dcodepipeline.uploadConcurrency=3", MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> parts = s3.serveEvents().stream()
                .filter(e -> e.getRequest().getUrl().contains("partNumber=")).collect(Collectors.toList());
        assertThat(parts).hasSize(6);
        assertThat(parts).allMatch(e -> "aws:kms".equals(s3Writes().get(0).getHeader("x-amz-server-side-encryption")));
        int most = 0;
        for (com.github.tomakehurst.wiremock.stubbing.ServeEvent at : parts) {
            long t = at.getRequest().getLoggedDate().getTime();
            int overlapping = 0;
            for (com.github.tomakehurst.wiremock.stubbing.ServeEvent other : parts) {
                long start = other.getRequest().getLoggedDate().getTime();
                if (start <= t && t < start + 1000) {
                    overlapping++;
                }
            }
            most = Math.max(most, overlapping);
        }
        assertThat(most).as("parts being sent at the same time").isBetween(2, 3);
        assertThat(result.lines("CodePipeline: Uploaded BuildOutput: ")).singleElement().asString()
                .contains("(1 stored, 200 deflated)").contains(" in 6 parts, 3 at a time.");
        assertThat(s3.uploadsInProgress()).isEmpty();
        Path object = Files.createTempFile("object", ".zip");
        s3.download(OUTPUT_KEY, object);
        Map<String, Integer> methods = Zips.check(object);
        assertThat(methods).hasSize(201).containsEntry("lib/app.jar", ZipEntry.STORED)
                .containsEntry("conf-0.properties", ZipEntry.DEFLATED);
        long text = 0;
        for (int i = 0; i < 200; i++) {
            text += Files.size(build.directory().resolve("dist/conf-" + i + ".properties"));
        }
        assertThat(Files.size(object)).as("the jar stored, the text deflated").isLessThan(40L * 1024 * 1024 + text / 4);
        Files.delete(object);
        assertNoSecrets(result);
    }

    @Test
    void aPartThatFailsTwiceIsSentAgainAloneAndTheUploadSucceeds() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        s3.failPart(OUTPUT_KEY, 2, 2, 500, "InternalError");
        MavenBuild build = realisticOutput("uploadPartRetried");
        MavenBuild.Result result = build.args("-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.outputDirectory=dist",
                MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        Map<String, Long> attempts = s3Writes().stream().filter(r -> r.getUrl().contains("partNumber="))
                .collect(Collectors.groupingBy(r -> r.queryParameter("partNumber").firstValue(), Collectors.counting()));
        assertThat(attempts).containsOnlyKeys("1", "2", "3", "4", "5", "6").containsEntry("2", 3L)
                .allSatisfy((part, count) -> assertThat(count).isEqualTo(part.equals("2") ? 3L : 1L));
        assertThat(s3Writes().stream().filter(r -> r.getUrl().contains("uploads")).count()).as("CreateMultipartUpload").isOne();
        assertThat(s3.uploadsInProgress()).isEmpty();
        Path object = Files.createTempFile("object", ".zip");
        s3.download(OUTPUT_KEY, object);
        assertThat(Zips.check(object)).hasSize(201);
        assertThat(unzip(Files.readAllBytes(object)).get("lib/app.jar"))
                .isEqualTo(Files.readAllBytes(build.directory().resolve("dist/lib/app.jar")));
        Files.delete(object);
    }

    @Test
    void aPartThatKeepsFailingAbortsTheUploadAndLeavesNothing() throws Exception {
        // The control: the server lists an upload in progress, so an empty list below means something.
        String control = s3.startUpload("control");
        assertThat(s3.uploadsInProgress()).containsExactly("control " + control);
        s3.abortUpload("control", control);
        assertThat(s3.uploadsInProgress()).isEmpty();

        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        s3.failPart(OUTPUT_KEY, 3, -1, 500, "InternalError");
        MavenBuild build = realisticOutput("uploadPartFails");
        MavenBuild.Result result = build.args("-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.outputDirectory=dist",
                "-Dcodepipeline.maxAttempts=2", MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("S3 answered UploadPart of s3://" + S3Server.BUCKET + "/" + OUTPUT_KEY
                + " (artifact BuildOutput) with HTTP 500 (InternalError");
        assertThat(s3.keys()).isEmpty();
        assertThat(s3.uploadsInProgress()).isEmpty();
        List<LoggedRequest> aborts = s3.requests().stream().filter(r -> r.getMethod().getName().equals("DELETE"))
                .collect(Collectors.toList());
        assertThat(aborts).hasSize(1);
        assertThat(aborts.get(0).getUrl()).contains("uploadId=");
        assertThat(s3Writes().stream().filter(r -> r.getUrl().contains("partNumber=3")).count()).isEqualTo(2);
        assertThat(build.directory().resolve("target")).isEmptyDirectory();
        assertNoSecrets(result);
    }

    /**
     * Break guarded: the multipart threshold set to infinity (issue 24), where a big output goes up in one request
     * whose body the JDK holds in memory whole. Through the recording proxy (which checks the session token): a 20 MB
     * output goes up as CreateMultipartUpload with the job's KMS key, parts of at most 8 MiB each (what bounds the
     * memory an upload needs), and CompleteMultipartUpload, all with the artifact credentials and their token.
     */
    @Test
    void aBigOutputGoesUpInPartsOfAtMost8MiBWithTheKmsKeyAndTheSessionToken() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), KMS_KEY);
        MavenBuild build = build("artifacts-app", "multipartOutput");
        byte[] content = new byte[20 * 1024 * 1024];
        new java.util.Random(24).nextBytes(content);
        Files.write(build.directory().resolve("big.bin"), content);
        MavenBuild.Result result = build.mavenOpts("-Xmx64m").args("-Dcodepipeline.s3Endpoint=" + s3.url(),
                "-Dcodepipeline.outputFiles=big.bin", MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(unzip(s3.get(OUTPUT_KEY)).get("big.bin")).isEqualTo(content);
        List<LoggedRequest> writes = s3Writes();
        List<String> calls = writes.stream()
                .map(r -> r.getMethod().getName() + " " + r.getUrl().replaceAll("uploadId=[^&]+", "uploadId=U"))
                .collect(Collectors.toList());
        // Parts go up several at a time (uploadConcurrency), so in any order between the create and the complete.
        assertThat(calls).hasSize(5).startsWith("POST /" + S3Server.BUCKET + "/" + OUTPUT_KEY + "?uploads")
                .endsWith("POST /" + S3Server.BUCKET + "/" + OUTPUT_KEY + "?uploadId=U");
        assertThat(calls.subList(1, 4)).containsExactlyInAnyOrder(
                "PUT /" + S3Server.BUCKET + "/" + OUTPUT_KEY + "?partNumber=1&uploadId=U",
                "PUT /" + S3Server.BUCKET + "/" + OUTPUT_KEY + "?partNumber=2&uploadId=U",
                "PUT /" + S3Server.BUCKET + "/" + OUTPUT_KEY + "?partNumber=3&uploadId=U");
        LoggedRequest create = writes.get(0);
        assertThat(create.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(create.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        long total = 0;
        for (LoggedRequest part : writes.subList(1, 4)) {
            // The part's own bytes: with SigV4 streaming (aws-chunked) the body on the wire adds chunk signatures.
            String decoded = part.getHeader("x-amz-decoded-content-length");
            long length = Long.parseLong(decoded != null ? decoded : part.getHeader("Content-Length"));
            assertThat(length).isLessThanOrEqualTo(8L * 1024 * 1024);
            total += length;
        }
        assertThat(total).isEqualTo(s3.get(OUTPUT_KEY).length);
        assertThat(writes).allSatisfy(w -> {
            assertThat(w.getHeader("x-amz-security-token")).isEqualTo(S3Server.SESSION_TOKEN);
            assertThat(w.getHeader("Authorization")).contains("Credential=" + S3Server.ACCESS_KEY + "/");
        });
        assertNoSecrets(result);
    }

    /**
     * Break guarded: upload-output bound to {@code package} instead of {@code verify} (issue 24), which would publish
     * before the integration tests (integration-test comes after package, before verify) had a chance to fail the
     * build. With the default binding, {@code mvn package} publishes nothing, and {@code mvn verify} does.
     */
    @Test
    void theDefaultBindingPublishesAtVerifyAfterTheIntegrationTestsNotAtPackage() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        MavenBuild build = artifactBuild("artifacts-app", "uploadBinding");
        MavenBuild.Result result = build.args("package").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("shop-app-1.0.jar").doesNotContain("upload-output");
        assertThat(s3.requests()).isEmpty();
        assertThat(s3.keys()).isEmpty();
    }

    @Test
    void aBuildWithoutAJobUploadsNothingAndSucceeds() {
        MavenBuild.Result result = MavenBuild.of("artifacts-app", "uploadNoJob")
                .args("-Dcodepipeline.s3Endpoint=" + s3.url(), "-Dcodepipeline.endpoint=" + endpoint.url(), "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("CodePipeline: no job ID (-Dcodepipeline.jobId or CODEPIPELINE_JOB_ID): nothing is uploaded."))
                .hasSize(1);
        assertThat(s3.requests()).isEmpty();
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void aPatternThatMatchesNothingFailsBeforeAnyCall() {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadBadPattern")
                .args("-Dcodepipeline.outputFiles=target/*.war", "verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("matches target/*.war");
        assertThat(s3.requests()).isEmpty();
        assertThat(endpoint.requests(JOB_DETAILS)).isEmpty();
    }

    @Test
    void severalOutputArtifactsAndNoneNamedIsOneErrorListingThem() {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY, "Docs", "shop-pipeline/Docs/abc"), null);
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadAmbiguous").args("verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("The job has 2 output artifacts (BuildOutput, Docs): name the one to use with"
                + " -Dcodepipeline.outputArtifact");
        assertThat(s3.requests()).isEmpty();
        // The build failed, so the automatic path reported the failure.
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
    }

    @Test
    void aJobWithoutOutputArtifactIsOneInfoLine() {
        answerJob(map(), map(), null);
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadNoOutput").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.lines("has no output artifact: nothing to upload")).hasSize(1);
        assertThat(s3.requests()).isEmpty();
    }

    @Test
    void severalOutputsFromTheOutputsList() throws Exception {
        answerJob(map(), map("AppOutput", "p/AppOutput/1", "DocsOutput", "p/DocsOutput/2"), KMS_KEY);
        MavenBuild.Result result = artifactBuild("artifacts-outputs", "uploadOutputsList").args("verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(unzip(s3.get("p/AppOutput/1")).keySet()).containsExactly("app.txt", "bin/start");
        assertThat(unzip(s3.get("p/DocsOutput/2")).keySet()).containsExactly("readme.md");
    }

    @Test
    void credentialsThatS3RefusesGiveOneLineNamingBucketAndKey() {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok(job(map(), map("BuildOutput", OUTPUT_KEY), null,
                MavenBuild.ACCESS_KEY)));
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadDenied").args("verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("S3 denied PutObject of s3://" + S3Server.BUCKET + "/" + OUTPUT_KEY
                + " (artifact BuildOutput)");
        assertThat(s3.keys()).isEmpty();
        assertNoSecrets(result);
    }

    @Test
    void expiredArtifactCredentialsAreRenewedOnceByReadingTheJobAgain() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        s3.failOnce(OUTPUT_KEY, 400, "ExpiredToken");
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadExpired")
                .args("-Dcodepipeline.outputFiles=appspec.yml", MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(endpoint.requests(JOB_DETAILS)).hasSize(2);
        assertThat(result.lines("artifact credentials expired; reading the job's details again")).hasSize(1);
        assertThat(unzip(s3.get(OUTPUT_KEY)).keySet()).containsExactly("appspec.yml");
    }

    @Test
    void aSlowDownFromS3IsRetriedLikeTheReports() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), null);
        s3.failOnce(OUTPUT_KEY, 503, "SlowDown");
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadSlowDown")
                .args("-Dcodepipeline.outputFiles=appspec.yml", MavenBuild.goal("upload-output")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(s3Writes()).hasSize(2);
        assertThat(endpoint.requests(JOB_DETAILS)).hasSize(1);
        assertThat(unzip(s3.get(OUTPUT_KEY)).keySet()).containsExactly("appspec.yml");
    }

    @Test
    void aMissingInputObjectIsOneLineNamingBucketAndKey() {
        answerJob(map("SourceOutput", INPUT_KEY), map(), null);
        MavenBuild.Result result = emptyFolder("downloadMissing").args(MavenBuild.goal("download-input")).run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("S3 has no object s3://" + S3Server.BUCKET + "/" + INPUT_KEY + " (artifact SourceOutput)")
                .doesNotContain("at io.github");
    }

    @Test
    void dryRunListsTheFilesAndTouchesNothing() {
        MavenBuild.Result result = artifactBuild("artifacts-app", "uploadDryRun")
                .args("-Dcodepipeline.dryRun=true", "-Dcodepipeline.outputFiles=appspec.yml,mvnw", "verify").run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(result.log).contains("upload-output would upload:").contains("    appspec.yml (13 bytes)").contains("    mvnw (");
        assertThat(s3.requests()).isEmpty();
        assertThat(endpoint.requests()).isEmpty();
    }

    // --- download-input

    private void putInput(String key, Zips zip) throws IOException {
        Path file = Files.createTempFile("input", ".zip");
        s3.put(key, Files.readAllBytes(zip.write(file)));
        Files.delete(file);
    }

    @Test
    void downloadsAndUnpacksTheInputWithExecuteBitsAndNestedFolders() throws Exception {
        answerJob(map("SourceOutput", INPUT_KEY), map(), null);
        putInput(INPUT_KEY, new Zips().file("mvnw", "#!/bin/sh\n".getBytes(), 0100755)
                .file("src/main/java/com/example/Cart.java", "class Cart {}").file("pom.xml", "<project/>"));
        MavenBuild build = emptyFolder("downloadInput");
        MavenBuild.Result result = build.args("-X", MavenBuild.goal("download-input")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        Path dir = build.directory();
        assertThat(Files.isExecutable(dir.resolve("mvnw"))).isTrue();
        assertThat(dir.resolve("src/main/java/com/example/Cart.java")).hasContent("class Cart {}");
        assertThat(result.log).contains("unpacked the input artifact SourceOutput").contains("codepipeline.job.inputRevision = rev-SourceOutput");
        LoggedRequest get = s3.requests().get(0);
        assertThat(get.getUrl()).isEqualTo("/" + S3Server.BUCKET + "/" + INPUT_KEY);
        assertThat(get.getHeader("Authorization")).contains("Credential=" + S3Server.ACCESS_KEY + "/");
        // The recording proxy refuses a request without this token: the download is held to it as the upload is.
        assertThat(get.getHeader("x-amz-security-token")).isEqualTo(S3Server.SESSION_TOKEN);
        assertNoSecrets(result);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".codepipeline-"));
        }
    }

    @Test
    void refusesZipSlipSymbolicLinksAndZipBombsBeforeWritingAnything() throws Exception {
        answerJob(map("SourceOutput", INPUT_KEY), map(), null);
        putInput(INPUT_KEY, new Zips().file("ok.txt", "fine").file("../../escaped.txt", "evil"));
        MavenBuild slip = emptyFolder("downloadZipSlip");
        MavenBuild.Result result = slip.args(MavenBuild.goal("download-input")).run();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("its entry ../../escaped.txt leads out of the directory with '..' (zip slip)")
                .doesNotContain("at io.github");
        assertThat(slip.directory().resolve("ok.txt")).doesNotExist();
        assertThat(slip.directory().getParent().getParent().resolve("escaped.txt")).doesNotExist();

        putInput(INPUT_KEY, new Zips().file("a.txt", "a").symlink("link", "/etc/passwd"));
        result = emptyFolder("downloadSymlink").args(MavenBuild.goal("download-input")).run();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("its entry link is a symbolic link");

        putInput(INPUT_KEY, new Zips().file("zeros.bin", new byte[3 * 1024 * 1024], 0100644));
        MavenBuild bomb = emptyFolder("downloadZipBomb");
        result = bomb.args("-Dcodepipeline.maxInputSize=2", MavenBuild.goal("download-input")).run();
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.log).contains("expands to more than 2 MB (a zip bomb?)").contains("-Dcodepipeline.maxInputSize");
        assertThat(bomb.directory().resolve("zeros.bin")).doesNotExist();
    }

    @Test
    void aNonZipObjectIsSavedAsItIsWithAWarning() throws Exception {
        answerJob(map("SourceOutput", INPUT_KEY), map(), null);
        s3.put(INPUT_KEY, "just text\n".getBytes());
        MavenBuild build = emptyFolder("downloadNonZip");
        MavenBuild.Result result = build.args(MavenBuild.goal("download-input")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(build.directory().resolve("q1W2e3R")).hasContent("just text");
        assertThat(result.lines("[WARNING] CodePipeline: the input artifact SourceOutput")).hasSize(1);
    }

    @Test
    void severalInputsGoIntoOneFolderEachAndExistingFilesNeedOverwrite() throws Exception {
        answerJob(map("SourceOutput", INPUT_KEY, "Config", "shop-pipeline/Config/c1"), map(), null);
        putInput(INPUT_KEY, new Zips().file("pom.xml", "<project/>"));
        putInput("shop-pipeline/Config/c1", new Zips().file("settings.yml", "env: staging"));
        MavenBuild build = emptyFolder("downloadSeveral");
        MavenBuild.Result result = build.args("-Dcodepipeline.inputDirectory=work", MavenBuild.goal("download-input")).run();

        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(build.directory().resolve("work/SourceOutput/pom.xml")).hasContent("<project/>");
        assertThat(build.directory().resolve("work/Config/settings.yml")).hasContent("env: staging");

        result = again(build, "-Dcodepipeline.inputDirectory=work");
        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.lines("[ERROR]").get(0)).contains("work/SourceOutput/pom.xml already exists")
                .contains("-Dcodepipeline.overwrite=true");

        result = again(build, "-Dcodepipeline.inputDirectory=work", "-Dcodepipeline.overwrite=true");
        assertThat(result.exitCode).as(result.toString()).isZero();

        result = again(build, "-Dcodepipeline.inputDirectory=work", "-Dcodepipeline.inputArtifact=Config");
        assertThat(result.exitCode).as(result.toString()).isZero();
        assertThat(build.directory().resolve("work/settings.yml")).hasContent("env: staging");
    }

    /** download-input once more in the same folder. */
    private MavenBuild.Result again(MavenBuild build, String... args) {
        return MavenBuild.in(build.directory()).env("CODEPIPELINE_JOB_ID", JOB_ID).env("CODEPIPELINE_CLIENT_TOKEN", TOKEN)
                .env("AWS_ENDPOINT_URL_S3", s3.url()).args("-Dcodepipeline.endpoint=" + endpoint.url())
                .args(args).args(MavenBuild.goal("download-input")).run();
    }

    // --- a partner job's whole life

    @Test
    void fullLifeDownloadBuildUploadThenReportSuccess() throws Exception {
        MavenBuild source = MavenBuild.of("artifacts-app", "fullLifeSource");
        putInput(INPUT_KEY, zipOf(source.directory()));
        answerJob(map("SourceOutput", INPUT_KEY), map("BuildOutput", OUTPUT_KEY), KMS_KEY);
        MavenBuild worker = emptyFolder("fullLife");
        MavenBuild.Result download = worker.args(MavenBuild.goal("download-input")).run();
        assertThat(download.exitCode).as(download.toString()).isZero();
        assertThat(Files.isExecutable(worker.directory().resolve("mvnw"))).isTrue();

        MavenBuild.Result build = MavenBuild.in(worker.directory()).env("CODEPIPELINE_JOB_ID", JOB_ID)
                .env("CODEPIPELINE_CLIENT_TOKEN", TOKEN).env("AWS_ENDPOINT_URL_S3", s3.url())
                .args("-Dcodepipeline.endpoint=" + endpoint.url(), "-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(build.exitCode).as(build.toString()).isZero();
        assertThat(unzip(s3.get(OUTPUT_KEY)).get("shop-app-1.0.jar"))
                .isEqualTo(Files.readAllBytes(worker.directory().resolve("target/shop-app-1.0.jar")));
        assertThat(endpoint.requests(SUCCESS)).hasSize(1);
        assertThat(build.log.indexOf("uploaded the output artifact BuildOutput"))
                .isPositive().isLessThan(build.log.indexOf("reported the success of job"));
        LoggedRequest put = s3Writes().get(0);
        assertThat(put.getLoggedDate()).isBeforeOrEqualTo(endpoint.requests(SUCCESS).get(0).getLoggedDate());
    }

    @Test
    void fullLifeWithAFailingTestReportsTheFailureAndUploadsNothing() throws Exception {
        answerJob(map(), map("BuildOutput", OUTPUT_KEY), KMS_KEY);
        MavenBuild.Result result = artifactBuild("artifacts-app", "fullLifeFailing")
                .args("-Dshop.brokenTotal=true", "-Dcodepipeline.reportSuccess=true", "verify").run();

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(endpoint.requests(FAILURE)).hasSize(1);
        assertThat(endpoint.requests(SUCCESS)).isEmpty();
        assertThat(s3.requests()).isEmpty();
        assertThat(s3.keys()).isEmpty();
    }

    /** Every file under {@code dir} (its target/ and build log left out), with its mode. */
    private static Zips zipOf(Path dir) throws IOException {
        Zips zips = new Zips();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String name = dir.relativize(file).toString();
            if (name.startsWith("target/") || name.equals("build.log")) {
                continue;
            }
            zips.file(name, Files.readAllBytes(file), Files.isExecutable(file) ? 0100755 : 0100644);
        }
        return zips;
    }

    static List<String> names(String... names) {
        return new ArrayList<>(Arrays.asList(names));
    }
}
