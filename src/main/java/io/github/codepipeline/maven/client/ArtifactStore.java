package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.ProxyServer;
import io.github.codepipeline.maven.config.ReportSettings;
import io.github.codepipeline.maven.config.Secrets;
import io.github.codepipeline.maven.config.Setting;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The pipeline's artifact store: S3, signed with the job's artifact credentials (never the build's own), on the same
 * route, retry strategy and attempt count as the reports ({@link ReportSettings}).
 *
 * <p>Uploads are sent while they are written ({@link SpooledUpload}): one {@code PutObject} up to one part, else a
 * multipart upload in parts of {@link #partSize(long)}, a few at a time. Every upload is encrypted with
 * {@code aws:kms}: the job's KMS key when it has one, else S3's default KMS key ({@code aws/s3}), because the bucket
 * policy CodePipeline writes for its artifact store refuses anything else. Downloads are streamed to a file.
 *
 * <p>Time limits: a transfer takes as long as its size needs, so there is no overall limit per call; a connection
 * that delivers nothing for {@code codepipeline.timeout} seconds is dropped and the attempt retried.
 *
 * <p>With an S3 endpoint override (an S3-compatible store, or a test server), requests use path-style addressing and
 * checksums only where S3 requires them (AWS's advice for stores without the newer checksums); against AWS the SDK's
 * default end-to-end checksums stay on.
 */
public final class ArtifactStore implements AutoCloseable {
    /**
     * Parts of 8 MiB (more for outputs past 78 GiB, as S3 takes at most 10,000 parts), as the AWS CLI: S3's smallest
     * part (but the last) is 5 MiB. An output that fits in one part goes up in one {@code PutObject}.
     *
     * <p>Memory does not depend on it: S3's client (2.40.2) gives {@code HttpURLConnection} a body of known length in
     * fixed-length streaming mode ({@code setFixedLengthStreamingMode} from the {@code Content-Length} header), which
     * sends the body as it reads it. (Without a length the JDK would hold the whole body in memory first; an earlier
     * version of this class assumed it did.) ArtifactsIT uploads 200 MB in 4 parallel parts under {@code -Xmx64m}.
     */
    static final long MIN_PART_SIZE = 8L * 1024 * 1024;
    static final int MAX_PARTS = 10_000;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> EXPIRED = new HashSet<>(Arrays.asList("ExpiredToken", "ExpiredTokenException",
            "TokenRefreshRequired"));

    private final S3Client client;
    private final SdkHttpClient httpClient;
    private final Secrets secrets;
    private final String where;
    private final String encryptionKeyId;
    private final Duration timeout;

    private ArtifactStore(S3Client client, SdkHttpClient httpClient, Secrets secrets, String where, String encryptionKeyId,
            Duration timeout) {
        this.client = client;
        this.httpClient = httpClient;
        this.secrets = secrets;
        this.where = where;
        this.encryptionKeyId = encryptionKeyId;
        this.timeout = timeout;
    }

    /** Writes an object to upload, once per attempt. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What {@link #upload} sent. */
    public static final class Sent {
        public final long bytes;
        /** 1 for a single {@code PutObject}. */
        public final int parts;
        public final int concurrency;
        /** How long at least one request was sending. */
        public final long sendingNanos;

        Sent(long bytes, int parts, int concurrency, long sendingNanos) {
            this.bytes = bytes;
            this.parts = parts;
            this.concurrency = concurrency;
            this.sendingNanos = sendingNanos;
        }
    }

    /**
     * @param s3Endpoint the S3 endpoint override, or {@code null} for AWS's regional S3 endpoint
     * @throws ReportException when the job has no artifact credentials or the client cannot be built
     */
    public static ArtifactStore create(ReportSettings settings, URI s3Endpoint, JobDetails job, Secrets secrets)
            throws ReportException {
        if (!job.hasArtifactCredentials()) {
            throw new ReportException("CodePipeline handed out no artifact credentials for job " + settings.jobId()
                    + ", so its artifacts cannot be read or written.", false);
        }
        SdkLogging.quiet();
        Secrets allSecrets = job.secrets(secrets);
        String where = s3Endpoint != null ? s3Endpoint.toString() : "S3";
        SdkHttpClient httpClient = null;
        try {
            Region region = CodePipelineJobClient.region(settings);
            String host = s3Endpoint != null ? s3Endpoint.getHost() : "s3." + region.id() + ".amazonaws.com";
            ProxyServer proxy = settings.proxies().select(host);
            where = (s3Endpoint != null ? s3Endpoint.toString() : "S3 in " + region.id())
                    + (proxy == null ? "" : " through the proxy " + proxy);
            Duration idle = Duration.ofSeconds(settings.timeoutSeconds());
            httpClient = UrlConnectionHttpClient.create(new ConnectionFactory(proxy,
                    CodePipelineJobClient.min(idle, MAX_CONNECT_TIMEOUT), idle, HttpsURLConnection::getDefaultSSLSocketFactory));
            String[] keys = job.artifactCredentials();
            S3ClientBuilder builder = S3Client.builder()
                    .httpClient(httpClient)
                    .region(region)
                    .credentialsProvider(CodePipelineJobClient.staticKeys(keys))
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                    .maxAttempts(settings.maxAttempts())
                                    .build())
                            .build());
            if (s3Endpoint != null) {
                builder.endpointOverride(s3Endpoint)
                        .forcePathStyle(true)
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            return new ArtifactStore(builder.build(), httpClient, allSecrets, where, job.encryptionKeyId(), idle);
        } catch (RuntimeException e) {
            if (httpClient != null) {
                httpClient.close();
            }
            throw new ReportException(CodePipelineJobClient.describeClientProblem(e, where, settings, allSecrets), false);
        }
    }

    /** The encryption every upload asks for, for messages: {@code aws:kms with the key ...}. */
    public static String encryptionText(String encryptionKeyId) {
        return encryptionKeyId == null ? "aws:kms with S3's default KMS key" : "aws:kms with the key " + encryptionKeyId;
    }

    /**
     * Writes {@code body} into {@code spool} and uploads it to exactly {@code location}'s bucket and key while it is
     * being written, {@code concurrency} parts at a time; see {@link SpooledUpload}.
     *
     * @param maxSize the most bytes {@code body} can write, for the part size
     * @param progress told the bytes sent so far (each byte once, retries included)
     * @throws IOException when {@code body} fails (the upload is then aborted)
     */
    public Sent upload(ArtifactLocation location, Path spool, long maxSize, int concurrency, Body body, LongConsumer progress)
            throws ReportException, IOException {
        return upload(location, spool, maxSize, concurrency, "application/zip", body, progress);
    }

    /** As {@link #upload(ArtifactLocation, Path, long, int, Body, LongConsumer)}, with the object's Content-Type. */
    public Sent upload(ArtifactLocation location, Path spool, long maxSize, int concurrency, String contentType, Body body,
            LongConsumer progress) throws ReportException, IOException {
        String bucket = location.bucket();
        String key = location.objectKey();
        long stopMillis = timeout.toMillis() * 2;
        return SpooledUpload.upload(spool, partSize(maxSize), concurrency, body, new SpooledUpload.Calls() {
            @Override
            public void put(Path file, long length, LongConsumer sent) throws ReportException {
                // With no key ID (null), S3 uses its default KMS key.
                call("PutObject", location, () -> client.putObject(r -> r.bucket(bucket).key(key)
                        .contentLength(length).contentType(contentType)
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryptionKeyId),
                        RequestBody.fromContentProvider(() -> counting(open(file, 0, length), sent), length, contentType)));
            }

            @Override
            public String create() throws ReportException {
                return call("CreateMultipartUpload", location, () -> client.createMultipartUpload(r -> r.bucket(bucket).key(key)
                        .contentType(contentType)
                        .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(encryptionKeyId))).uploadId();
            }

            @Override
            public String part(String uploadId, int number, Path file, long offset, long length, LongConsumer sent)
                    throws ReportException {
                return call("UploadPart", location, () -> client.uploadPart(r -> r.bucket(bucket).key(key)
                        .uploadId(uploadId).partNumber(number).contentLength(length),
                        RequestBody.fromContentProvider(() -> counting(open(file, offset, length), sent), length,
                                "application/octet-stream"))).eTag();
            }

            @Override
            public void complete(String uploadId, List<CompletedPart> parts) throws ReportException {
                call("CompleteMultipartUpload", location, () -> client.completeMultipartUpload(r -> r.bucket(bucket).key(key)
                        .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
            }

            @Override
            public void abort(String uploadId) {
                try {
                    client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
                } catch (RuntimeException ignored) {
                    // the upload's own failure is what matters; S3's lifecycle rules clean up what remains
                }
            }
        }, progress, stopMillis);
    }

    /** At least 8 MiB, and large enough that 10,000 parts hold the file. */
    static long partSize(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(MIN_PART_SIZE, (needed + 1024 * 1024 - 1) / (1024 * 1024) * (1024 * 1024));
    }

    /**
     * Downloads {@code location} into {@code file} (created or replaced), streaming. An I/O error in the middle of
     * the body starts the download again, within the retry strategy's attempts. An object larger than
     * {@code maxBytes} is refused when S3 announces its length, and else stopped at the bound: the caller deletes
     * {@code file}.
     */
    public void download(ArtifactLocation location, Path file, long maxBytes, LongConsumer progress) throws ReportException {
        TooLarge[] tooLarge = new TooLarge[1];
        try {
            call("GetObject", location, () -> client.getObject(r -> r.bucket(location.bucket()).key(location.objectKey()),
                    ResponseTransformer.unmanaged((response, body) -> {
                        if (response.contentLength() != null && response.contentLength() > maxBytes) {
                            body.abort();
                            throw tooLarge[0] = new TooLarge(location, maxBytes, response.contentLength());
                        }
                        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                            byte[] buffer = new byte[1 << 16];
                            long total = 0;
                            for (int n; (n = in.read(buffer)) > 0; ) {
                                total += n;
                                if (total > maxBytes) {
                                    body.abort();
                                    throw tooLarge[0] = new TooLarge(location, maxBytes, -1);
                                }
                                out.write(buffer, 0, n);
                                progress.accept(n);
                            }
                        } catch (IOException e) {
                            throw RetryableException.builder().message("the download broke off").cause(e).build();
                        }
                        return response;
                    })));
        } catch (ReportException | RuntimeException e) {
            if (tooLarge[0] != null) {
                throw new ReportException(tooLarge[0].getMessage(), false);
            }
            throw e;
        }
    }

    /** An input artifact's object larger than {@code codepipeline.maxInputSize}: not retried, one line. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(ArtifactLocation location, long maxBytes, long length) {
            super("Refusing the input artifact " + location.name() + " (" + location.url() + "): the object is larger than "
                    + maxBytes / (1024 * 1024) + " MB" + (length < 0 ? "" : " (" + length + " bytes)") + ", the most "
                    + Setting.MAX_INPUT_SIZE.property() + " allows; the download was stopped and nothing was saved. If the"
                    + " artifact is really that large, raise -D" + Setting.MAX_INPUT_SIZE.property() + " (in MB).", null,
                    false, false);
        }
    }

    private static InputStream open(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Counts what is read; tells {@code progress} -1 first, for a new stream of the same body. */
    private static InputStream counting(InputStream in, LongConsumer progress) {
        progress.accept(-1);
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.accept(n);
                }
                return n;
            }
        };
    }

    /** The first {@code length} bytes of a stream. */
    private static final class BoundedStream extends FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    private <T> T call(String operation, ArtifactLocation location, Supplier<T> request) throws ReportException {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            throw describe(e, operation, location);
        } catch (RuntimeException e) {
            throw new ReportException(describeClientProblem(e, operation, location), false);
        }
    }

    private ReportException describe(AwsServiceException e, String operation, ArtifactLocation location) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String what = location.url() + " (artifact " + location.name() + ")";
        String details = " (" + (code == null ? "HTTP " + e.statusCode() : code) + CodePipelineJobClient.requestId(e) + ")";
        if (code != null && EXPIRED.contains(code)) {
            return new ExpiredCredentialsException("The job's artifact credentials expired during " + operation + " of "
                    + what + details + ".");
        }
        if ("NoSuchBucket".equals(code)) {
            return new ReportException("S3 has no bucket " + location.bucket() + details + " for " + what
                    + ": check the region (" + Setting.REGION.howToSet() + ") and the S3 endpoint ("
                    + Setting.S3_ENDPOINT.howToSet() + ").", false);
        }
        if ("NoSuchKey".equals(code) || "GetObject".equals(operation) && e.statusCode() == 404) {
            return new ReportException("S3 has no object " + what + details + ": the pipeline's earlier action may not"
                    + " have produced it, or it was deleted; check the pipeline's artifact store.", false);
        }
        if ("AccessDenied".equals(code) || e.statusCode() == 403) {
            return new ReportException("S3 denied " + operation + " of " + what + details + " to the job's artifact"
                    + " credentials: check that the job ID belongs to this pipeline, the artifact store's bucket policy and"
                    + " its KMS key policy. " + message(e), false);
        }
        if (e.isThrottlingException()) {
            return new ReportException("S3 kept throttling " + operation + " of " + what + details + " through its attempts;"
                    + " raise " + Setting.MAX_ATTEMPTS.property() + " or try again later.", false);
        }
        return new ReportException("S3 answered " + operation + " of " + what + " with HTTP " + e.statusCode() + details
                + " from " + where + ": " + message(e), false);
    }

    private String describeClientProblem(RuntimeException e, String operation, ArtifactLocation location) {
        Throwable io = CodePipelineJobClient.firstIOException(e);
        String cause = io != null ? io.getClass().getSimpleName() + ": " + io.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return operation + " of " + location.url() + " (artifact " + location.name() + ") at " + where + " failed ("
                + CodePipelineJobClient.firstLine(secrets.redact(String.valueOf(cause))) + "); check the network, the proxy and "
                + Setting.S3_ENDPOINT.property() + ".";
    }

    private String message(AwsServiceException e) {
        String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        return message == null ? "" : CodePipelineJobClient.firstLine(secrets.redact(message));
    }

    @Override
    public void close() {
        client.close();
        httpClient.close();
    }

    /** The job's artifact credentials expired: fetch the job's details again for new ones. */
    public static final class ExpiredCredentialsException extends ReportException {
        private static final long serialVersionUID = 1L;

        ExpiredCredentialsException(String message) {
            super(message, false);
        }
    }
}
