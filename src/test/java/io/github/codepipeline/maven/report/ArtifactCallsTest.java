package io.github.codepipeline.maven.report;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.codepipeline.maven.it.CodePipelineEndpoint.JOB_DETAILS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.artifact.ArtifactException;
import io.github.codepipeline.maven.artifact.FileSet;
import io.github.codepipeline.maven.artifact.Zips;
import io.github.codepipeline.maven.client.ReportException;
import io.github.codepipeline.maven.config.ArtifactSettings;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.SettingSources;
import io.github.codepipeline.maven.it.CodePipelineEndpoint;
import io.github.codepipeline.maven.it.MavenBuild;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArtifactCalls} against the local CodePipeline (which checks SigV4 and the service model) for the job's details,
 * and a recording HTTP server in S3's place: what each call sends, what it writes and what it says. ArtifactsIT runs
 * the same through Maven against s3proxy, the real S3 server.
 */
class ArtifactCallsTest {
    private static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    private static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";
    private static final String BUCKET = "codepipeline-us-east-1-artifacts";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String[] ARTIFACT_KEYS = {"ASIAUNITARTIFACT0001", "unitArtifactSecret-DoNotLog-1", "unitArtifactToken-DoNotLog-2"};

    @TempDir
    Path dir;

    private CodePipelineEndpoint endpoint;
    private WireMockServer s3;
    private final List<String> lines = new ArrayList<>();
    private final ReportLog log = new ReportLog() {
        @Override
        public void debug(String message) {
            lines.add("DEBUG " + message);
        }

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void error(String message) {
            lines.add("ERROR " + message);
        }
    };

    @BeforeEach
    void start() {
        endpoint = new CodePipelineEndpoint();
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        s3.stubFor(put(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("ETag", "\"etag-1\"")));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        s3.stop();
    }

    private static Map<String, String> map(String... nameKeyPairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameKeyPairs.length; i += 2) {
            map.put(nameKeyPairs[i], nameKeyPairs[i + 1]);
        }
        return map;
    }

    /** GetThirdPartyJobDetails' answer; artifacts as name → object key ({@code null}: no location). */
    private void answerJob(Map<String, String> inputs, Map<String, String> outputs, String kmsKey) {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok("{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"nonce\":\"1\","
                + "\"data\":{\"pipelineContext\":{\"pipelineName\":\"shop\",\"stage\":{\"name\":\"Build\"},"
                + "\"action\":{\"name\":\"Maven\"}},\"inputArtifacts\":" + artifacts(inputs) + ",\"outputArtifacts\":"
                + artifacts(outputs) + "," + (kmsKey == null ? "" : "\"encryptionKey\":{\"id\":\"" + kmsKey + "\",\"type\":\"KMS\"},")
                + "\"artifactCredentials\":{\"accessKeyId\":\"" + ARTIFACT_KEYS[0] + "\",\"secretAccessKey\":\"" + ARTIFACT_KEYS[1]
                + "\",\"sessionToken\":\"" + ARTIFACT_KEYS[2] + "\"}}}}"));
    }

    private static String artifacts(Map<String, String> artifacts) {
        return artifacts.entrySet().stream().map(e -> "{\"name\":\"" + e.getKey() + "\",\"revision\":\"rev-" + e.getKey() + "\""
                + (e.getValue() == null ? "" : ",\"location\":{\"type\":\"S3\",\"s3Location\":{\"bucketName\":\"" + BUCKET
                        + "\",\"objectKey\":\"" + e.getValue() + "\"}}") + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private SettingSources sources(String... properties) {
        Map<String, String> user = new HashMap<>();
        user.put("codepipeline.jobId", JOB_ID);
        user.put("codepipeline.clientToken", TOKEN);
        user.put("codepipeline.region", "us-east-1");
        user.put("codepipeline.endpoint", endpoint.url());
        user.put("codepipeline.s3Endpoint", s3.baseUrl());
        user.put("codepipeline.maxAttempts", "1");
        for (int i = 0; i < properties.length; i += 2) {
            user.put(properties[i], properties[i + 1]);
        }
        return new SettingSources(null, user, null, null);
    }

    private ArtifactCalls calls() {
        return new ArtifactCalls(new JobCalls(log, Secrets.of(TOKEN), new String[] {MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, null}),
                log, Secrets.of(TOKEN));
    }

    private void upload(List<ArtifactCalls.Output> outputs, String... properties) throws Exception {
        SettingSources sources = sources(properties);
        calls().upload(ReportSettings.resolve(sources), ArtifactSettings.resolve(sources), outputs, dir.resolve("work"));
    }

    private List<ArtifactCalls.Downloaded> download(Path into, String... properties) throws Exception {
        SettingSources sources = sources(properties);
        return calls().download(ReportSettings.resolve(sources), ArtifactSettings.resolve(sources), into);
    }

    private FileSet files() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.write(app.resolve("app.jar"), "jar bytes".getBytes(StandardCharsets.UTF_8));
        Files.write(Files.createDirectories(app.resolve("bin")).resolve("start"), "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        return new FileSet(app, null, null);
    }

    private List<LoggedRequest> s3Requests() {
        return s3.findAll(anyRequestedFor(anyUrl()));
    }

    /**
     * The object's bytes of a PutObject: over http the SDK signs the body in chunks ({@code aws-chunked}:
     * {@code <hex size>;chunk-signature=<sig>\r\n<bytes>\r\n}, ending with a chunk of size 0).
     */
    private static byte[] body(LoggedRequest put) {
        byte[] wire = put.getBody();
        if (!String.valueOf(put.getHeader("Content-Encoding")).contains("aws-chunked")
                && put.getHeader("x-amz-decoded-content-length") == null) {
            return wire;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int end = at;
            while (wire[end] != '\r') {
                end++;
            }
            String header = new String(wire, at, end - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0], 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(wire, end + 2, size);
            at = end + 2 + size + 2;
        }
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    private void serve(String key, byte[] content) {
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET + "/" + key)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", String.valueOf(content.length)).withBody(content)));
    }

    private static byte[] zip(Zips zips) throws IOException {
        Path file = Files.createTempFile("input", ".zip");
        try {
            return Files.readAllBytes(zips.write(file));
        } finally {
            Files.delete(file);
        }
    }

    /** S3's answer to the next request for {@code key}: an error, once; then requests go through again. */
    private void failOnce(String key, String state, String code) {
        s3.stubFor(any(urlPathEqualTo("/" + BUCKET + "/" + key)).atPriority(1).inScenario(state)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                                + code + "</Message><RequestId>req-1</RequestId></Error>")));
    }

    private String log() {
        return String.join("\n", lines);
    }

    private void assertNoSecrets() {
        for (String secret : new String[] {TOKEN, ARTIFACT_KEYS[0], ARTIFACT_KEYS[1], ARTIFACT_KEYS[2]}) {
            assertThat(log()).doesNotContain(secret);
        }
    }

    // --- upload

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
                + java.util.regex.Pattern.quote(dir.resolve("app").toString()) + " for the output artifact BuildOutput \\(0\\.0 MB\\) in \\d+ ms\\."));
        assertThat(lines).anySatisfy(line -> assertThat(line).matches("INFO CodePipeline: Uploaded BuildOutput: 0\\.0 MB in \\d+ ms \\(.*\\) at s3://"
                + BUCKET + "/shop/BuildOutpu/x7Yz9Ab\\."));
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

    // --- download

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
                + " \\(0\\.0 MB, 2 files, 0\\.0 MB\\) into " + java.util.regex.Pattern.quote(into.toString())
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
