package io.github.codepipeline.maven.client;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;

/**
 * Makes a later report quick by doing, in the background, the work that dominates it: loading and initialising the
 * AWS SDK's classes for building a client and for one {@code PutThirdPartyJobFailureResult} (about 0.35 s of CPU
 * in a running Maven, 0.5 s in a fresh JVM). It sends nothing: the warm-up client talks to an HTTP client of its own
 * that answers {@code 200 {}} without touching the network, signs with made-up credentials, and never looks up a
 * region or credentials, so neither the build's secrets nor the EC2 metadata service are involved.
 *
 * <p>Started only for builds with a job (see {@code CodePipelineLifecycleParticipant}); a build without one never
 * loads the SDK. The work waits for a spare processor: on a 2-core machine, warming up while the build compiles or
 * starts a test JVM slowed the build by as much as the warm-up saved (measured with {@code bench/run.sh}), while a
 * build that waits on tests, a network or a forked process leaves a core idle for it. So the thread samples the
 * machine's CPU load every 0.1 s and starts once at least one processor's worth stayed idle for 0.2 s. The thread
 * is a daemon, and {@link #cancel()} (at the end of the session) stops it from waiting on, so that nothing outlives
 * the build in a long-lived JVM (mvnd). A report that starts first simply does the work itself, sharing whatever
 * was loaded.
 */
public final class ClientWarmUp implements Runnable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientWarmUp.class);
    private static final String PLACEHOLDER = "warm-up";
    private static final long SAMPLE_MILLIS = 100;
    /** Idle samples in a row before starting: a build's short pauses between goals are not idle time. */
    private static final int IDLE_SAMPLES = 2;

    private final IdleProcessors idle;
    private final Runnable alsoPrepare;
    private volatile boolean cancelled;
    private volatile boolean prepared;

    ClientWarmUp(IdleProcessors idle, Runnable alsoPrepare) {
        this.idle = idle;
        this.alsoPrepare = alsoPrepare;
    }

    /**
     * Starts the warm-up thread; {@link #cancel()} it when the build ends.
     *
     * @param alsoPrepare more of a report's path to prepare in the same thread (the message's side of it)
     */
    public static ClientWarmUp start(Runnable alsoPrepare) {
        ClientWarmUp warmUp = new ClientWarmUp(IdleProcessors.ofThisMachine(), alsoPrepare);
        Thread thread = new Thread(warmUp, "codepipeline-client-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return warmUp;
    }

    /** Stops waiting for an idle processor; a warm-up already under way finishes (it is short and sends nothing). */
    public void cancel() {
        cancelled = true;
    }

    /** Whether the warm-up ran to its end. */
    boolean prepared() {
        return prepared;
    }

    @Override
    public void run() {
        try {
            long waitStart = System.nanoTime();
            int idleSamples = 0;
            while (!cancelled && idleSamples < IDLE_SAMPLES) {
                Thread.sleep(SAMPLE_MILLIS);
                idleSamples = idle.get() >= 1.0 ? idleSamples + 1 : 0;
            }
            if (cancelled) {
                return;
            }
            long start = System.nanoTime();
            warmUp();
            alsoPrepare.run();
            prepared = true;
            LOGGER.debug("CodePipeline: prepared the AWS SDK for a report in the background in {} ms, after waiting {} ms"
                    + " for an idle processor.", (System.nanoTime() - start) / 1_000_000, (start - waitStart) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            // Only an optimisation: the report itself will meet (and explain) any real problem.
            LOGGER.debug("CodePipeline: preparing the AWS SDK in the background failed; a report will do it then.", e);
        }
    }

    static void warmUp() {
        SdkLogging.quiet();
        Duration timeout = Duration.ofSeconds(10);
        // The HTTP client a report uses, built and closed, never connected; and the JVM's TLS setup, which a report
        // to an https endpoint needs (it reads the trust store).
        SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();
        UrlConnectionHttpClient.create(new ConnectionFactory(null, timeout, timeout, () -> tls)).close();
        try (CodePipelineClient client = CodePipelineJobClient.builder(new AnswersOk(), Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(PLACEHOLDER, PLACEHOLDER)),
                        timeout, timeout, 1)
                .endpointOverride(URI.create("http://localhost"))
                .build()) {
            client.putThirdPartyJobFailureResult(r -> r
                    .jobId(PLACEHOLDER)
                    .clientToken(PLACEHOLDER)
                    .failureDetails(f -> f.type(FailureType.JOB_FAILED).message(PLACEHOLDER)));
        }
    }

    /** Answers every request with CodePipeline's empty success body, without any network. */
    private static final class AnswersOk implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder()
                                    .statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", String.valueOf(body.length))
                                    .build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {}
    }
}
