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
 * What the tests of {@link ArtifactCalls} share: the local CodePipeline (which checks SigV4 and the service model) for
 * the job's details, a recording HTTP server in S3's place, and the log. ArtifactsIT runs the same through Maven
 * against s3proxy, the real S3 server.
 */
abstract class ArtifactCallsFixture {
    static final String JOB_ID = "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b";
    static final String TOKEN = "tok-SECRET-7f3a9c1e5b2d";
    static final String BUCKET = "codepipeline-us-east-1-artifacts";
    static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String[] ARTIFACT_KEYS = {"ASIAUNITARTIFACT0001", "unitArtifactSecret-DoNotLog-1", "unitArtifactToken-DoNotLog-2"};

    @TempDir
    Path dir;

    CodePipelineEndpoint endpoint;
    WireMockServer s3;
    final RecordingLog log = new RecordingLog();
    final List<String> lines = log.lines;

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

    static Map<String, String> map(String... nameKeyPairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < nameKeyPairs.length; i += 2) {
            map.put(nameKeyPairs[i], nameKeyPairs[i + 1]);
        }
        return map;
    }

    /** GetThirdPartyJobDetails' answer; artifacts as name → object key ({@code null}: no location). */
    void answerJob(Map<String, String> inputs, Map<String, String> outputs, String kmsKey) {
        endpoint.answer(JOB_DETAILS, CodePipelineEndpoint.ok("{\"jobDetails\":{\"id\":\"" + JOB_ID + "\",\"nonce\":\"1\","
                + "\"data\":{\"pipelineContext\":{\"pipelineName\":\"shop\",\"stage\":{\"name\":\"Build\"},"
                + "\"action\":{\"name\":\"Maven\"}},\"inputArtifacts\":" + artifacts(inputs) + ",\"outputArtifacts\":"
                + artifacts(outputs) + "," + (kmsKey == null ? "" : "\"encryptionKey\":{\"id\":\"" + kmsKey + "\",\"type\":\"KMS\"},")
                + "\"artifactCredentials\":{\"accessKeyId\":\"" + ARTIFACT_KEYS[0] + "\",\"secretAccessKey\":\"" + ARTIFACT_KEYS[1]
                + "\",\"sessionToken\":\"" + ARTIFACT_KEYS[2] + "\"}}}}"));
    }

    static String artifacts(Map<String, String> artifacts) {
        return artifacts.entrySet().stream().map(e -> "{\"name\":\"" + e.getKey() + "\",\"revision\":\"rev-" + e.getKey() + "\""
                + (e.getValue() == null ? "" : ",\"location\":{\"type\":\"S3\",\"s3Location\":{\"bucketName\":\"" + BUCKET
                        + "\",\"objectKey\":\"" + e.getValue() + "\"}}") + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    SettingSources sources(String... properties) {
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

    ArtifactCalls calls() {
        return new ArtifactCalls(new JobCalls(log, Secrets.of(TOKEN), new String[] {MavenBuild.ACCESS_KEY, MavenBuild.SECRET_KEY, null}),
                log, Secrets.of(TOKEN));
    }

    void upload(List<ArtifactCalls.Output> outputs, String... properties) throws Exception {
        SettingSources sources = sources(properties);
        calls().upload(ReportSettings.resolve(sources), ArtifactSettings.resolve(sources), outputs, dir.resolve("work"));
    }

    List<ArtifactCalls.Downloaded> download(Path into, String... properties) throws Exception {
        SettingSources sources = sources(properties);
        return calls().download(ReportSettings.resolve(sources), ArtifactSettings.resolve(sources), into);
    }

    FileSet files() throws IOException {
        Path app = Files.createDirectories(dir.resolve("app"));
        Files.write(app.resolve("app.jar"), "jar bytes".getBytes(StandardCharsets.UTF_8));
        Files.write(Files.createDirectories(app.resolve("bin")).resolve("start"), "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
        return new FileSet(app, null, null);
    }

    List<LoggedRequest> s3Requests() {
        return s3.findAll(anyRequestedFor(anyUrl()));
    }

    /**
     * The object's bytes of a PutObject: over http the SDK signs the body in chunks ({@code aws-chunked}:
     * {@code <hex size>;chunk-signature=<sig>\r\n<bytes>\r\n}, ending with a chunk of size 0).
     */
    static byte[] body(LoggedRequest put) {
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

    static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    void serve(String key, byte[] content) {
        s3.stubFor(get(urlPathEqualTo("/" + BUCKET + "/" + key)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", String.valueOf(content.length)).withBody(content)));
    }

    static byte[] zip(Zips zips) throws IOException {
        Path file = Files.createTempFile("input", ".zip");
        try {
            return Files.readAllBytes(zips.write(file));
        } finally {
            Files.delete(file);
        }
    }

    /** S3's answer to the next request for {@code key}: an error, once; then requests go through again. */
    void failOnce(String key, String state, String code) {
        s3.stubFor(any(urlPathEqualTo("/" + BUCKET + "/" + key)).atPriority(1).inScenario(state)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                                + code + "</Message><RequestId>req-1</RequestId></Error>")));
    }

    String log() {
        return String.join("\n", lines);
    }

    void assertNoSecrets() {
        for (String secret : new String[] {TOKEN, ARTIFACT_KEYS[0], ARTIFACT_KEYS[1], ARTIFACT_KEYS[2]}) {
            assertThat(log()).doesNotContain(secret);
        }
    }
}
