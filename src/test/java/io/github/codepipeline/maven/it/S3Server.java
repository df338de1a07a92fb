package io.github.codepipeline.maven.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 server for the artifact ITs: s3proxy (in memory, SigV4 on), as a child process from its self-contained jar,
 * accepting only requests signed with {@link #ACCESS_KEY}/{@link #SECRET_KEY}, the keys the job's details hand out as
 * artifact credentials; the build's own keys are refused. s3proxy does not keep the server-side encryption headers,
 * so a recording WireMock proxy ({@link #url()}) stands in front of it and keeps every request ({@link #requests()}).
 * s3proxy does not check session tokens either: the recording proxy refuses, as S3 does, a request without the
 * artifact credentials' {@link #SESSION_TOKEN} ({@code X-Amz-Security-Token}) or with another one, so that uploads and
 * downloads through {@link #url()} are both held to it.
 * The test itself reads and writes objects with the AWS SDK's S3 client.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "ASIAARTIFACTKEY00001";
    static final String SECRET_KEY = "artifactSecretKey-DoNotLog-1234567890";
    static final String SESSION_TOKEN = "artifactSessionToken-DoNotLog-0987654321";
    static final String BUCKET = "codepipeline-us-east-1-artifacts";
    private static final String TOKEN_HEADER = "X-Amz-Security-Token";

    private final Process process;
    private final int port;
    private final WireMockServer recorder;
    private final S3Client client;
    private final Path work;

    /** @param storage {@code null} to keep objects in memory, else a directory for them (large objects) */
    S3Server(Path storage) {
        try {
            work = Files.createTempDirectory("s3proxy");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String properties = "s3proxy.endpoint=http://127.0.0.1:" + port + "\n"
                    + "s3proxy.authorization=aws-v2-or-v4\n"
                    + "s3proxy.identity=" + ACCESS_KEY + "\n"
                    + "s3proxy.credential=" + SECRET_KEY + "\n"
                    + "s3proxy.ignore-unknown-headers=true\n"
                    + "s3proxy.v4-max-non-chunked-request-size=134217728\n"
                    + (storage == null ? "jclouds.provider=transient\n"
                            : "jclouds.provider=filesystem\njclouds.filesystem.basedir=" + storage + "\n")
                    + "jclouds.identity=local\njclouds.credential=local\n";
            Path file = Files.write(work.resolve("s3proxy.properties"), properties.getBytes());
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", required("it.s3proxyJar"), "org.gaul.s3proxy.Main",
                    "--properties", file.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("s3proxy.log").toFile()).start();
            awaitStart();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(directUrl())).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
        client.createBucket(r -> r.bucket(BUCKET));
        recorder = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().preserveHostHeader(true));
        recorder.start();
        routes();
    }

    /** Everything to s3proxy, but a request without the session token or with another one (as S3: 403 or 400). */
    private void routes() {
        recorder.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(directUrl())));
        recorder.stubFor(any(anyUrl()).atPriority(1).withHeader(TOKEN_HEADER, absent())
                .willReturn(error(403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")));
        recorder.stubFor(any(anyUrl()).atPriority(1).withHeader(TOKEN_HEADER, notMatching(Pattern.quote(SESSION_TOKEN)))
                .willReturn(error(400, "InvalidToken", "The provided token is malformed or otherwise invalid.")));
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                        + "</Message><RequestId>req-token</RequestId></Error>");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the ITs with mvn verify");
        }
        return value;
    }

    private void awaitStart() throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL(directUrl() + "/").openConnection();
                connection.setConnectTimeout(1000);
                connection.getResponseCode();
                connection.disconnect();
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start:\n"
                            + new String(Files.readAllBytes(work.resolve("s3proxy.log"))));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }

    /** The recording proxy's URL: what the plugin is given as its S3 endpoint. */
    String url() {
        return "http://127.0.0.1:" + recorder.port();
    }

    /** s3proxy itself, without the recording proxy (for large transfers, which WireMock would hold in memory). */
    String directUrl() {
        return "http://127.0.0.1:" + port;
    }

    void put(String key, byte[] content) {
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    void put(String key, Path file) {
        client.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromFile(file));
    }

    /** The object's bytes, or {@code null} when there is none at {@code key}. */
    byte[] get(String key) {
        try {
            return client.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    void download(String key, Path file) throws IOException {
        Files.deleteIfExists(file);
        client.getObject(r -> r.bucket(BUCKET).key(key), file);
    }

    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (S3Object object : client.listObjectsV2(r -> r.bucket(BUCKET)).contents()) {
            keys.add(object.key());
        }
        return keys;
    }

    /** Empties the bucket and forgets the recorded requests, for the next test. */
    void reset() {
        for (String key : keys()) {
            client.deleteObject(r -> r.bucket(BUCKET).key(key));
        }
        recorder.resetRequests();
        recorder.resetScenarios();
        recorder.resetMappings();
        routes();
    }

    /**
     * Answers the next request to {@code key} that carries the session token with an S3 error, then lets the requests
     * through again.
     */
    void failOnce(String key, int status, String code) {
        recorder.stubFor(any(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/" + BUCKET + "/" + key))
                .atPriority(2).inScenario("fail-once").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                                + " from the test</Message><RequestId>req-1</RequestId></Error>"))
                .willSetStateTo("failed"));
    }

    /**
     * Answers GETs of {@code key} with {@code body}, chunked (no length announced) and dribbled out over
     * {@code millis}: a download that takes its time, to be stopped or killed on the way.
     */
    void slowly(String key, byte[] body, int millis) {
        recorder.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/" + BUCKET + "/" + key)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/zip").withBody(body)
                        .withChunkedDribbleDelay(100, millis)));
    }

    /**
     * Answers UploadPart number {@code part} of {@code key} with an S3 error {@code times} times (or always, with -1),
     * then lets it through.
     */
    void failPart(String key, int part, int times, int status, String code) {
        com.github.tomakehurst.wiremock.client.MappingBuilder base = null;
        for (int i = 0; i < (times < 0 ? 1 : times); i++) {
            com.github.tomakehurst.wiremock.client.MappingBuilder stub = com.github.tomakehurst.wiremock.client.WireMock
                    .put(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/" + BUCKET + "/" + key))
                    .withQueryParam("partNumber", com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(part)))
                    .atPriority(1)
                    .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                            .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>"
                                    + code + " from the test</Message><RequestId>req-" + i + "</RequestId></Error>"));
            if (times >= 0) {
                stub = stub.inScenario("fail-part").whenScenarioStateIs(i == 0
                        ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "failed-" + i)
                        .willSetStateTo("failed-" + (i + 1));
            }
            recorder.stubFor(stub);
        }
    }

    /** Delays S3's answer to every UploadPart by {@code millis}, so that parts sent together overlap for sure. */
    void delayParts(int millis) {
        recorder.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(anyUrl())
                .withQueryParam("partNumber", com.github.tomakehurst.wiremock.client.WireMock.matching("[0-9]+"))
                .atPriority(2).willReturn(aResponse().proxiedFrom(directUrl()).withFixedDelay(millis)));
    }

    /** The multipart uploads in progress in the bucket, as {@code key uploadId}. */
    List<String> uploadsInProgress() {
        List<String> uploads = new ArrayList<>();
        for (software.amazon.awssdk.services.s3.model.MultipartUpload upload
                : client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()) {
            uploads.add(upload.key() + " " + upload.uploadId());
        }
        return uploads;
    }

    /** Starts a multipart upload at {@code key} with the test's own client; returns its ID. */
    String startUpload(String key) {
        return client.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
    }

    void abortUpload(String key, String uploadId) {
        client.abortMultipartUpload(r -> r.bucket(BUCKET).key(key).uploadId(uploadId));
    }

    /** Every request that went through the recording proxy, with its timing. */
    List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> serveEvents() {
        return recorder.getAllServeEvents();
    }

    /** Every request that went through the recording proxy. */
    List<LoggedRequest> requests() {
        return recorder.findAll(anyRequestedFor(anyUrl()));
    }

    @Override
    public void close() {
        recorder.stop();
        client.close();
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
