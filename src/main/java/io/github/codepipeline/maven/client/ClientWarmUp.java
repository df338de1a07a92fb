package io.github.codepipeline.maven.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.FailureType;

/**
 * Makes a later report quick by doing, in the background, the work that dominates it: loading and initialising the
 * AWS SDK's classes for building a client and for one {@code PutThirdPartyJobFailureResult} (about 0.27 s in a
 * running Maven, 0.4 s in a fresh JVM). It sends nothing anywhere: the warm-up client talks to a one-request
 * server of its own on the loopback interface that answers {@code 200 {}}, signs with made-up credentials, and never
 * looks up a region or credentials, so neither the build's secrets nor the EC2 metadata service are involved.
 *
 * <p>Started only for builds with a job (see {@code CodePipelineLifecycleParticipant}); a build without one never
 * loads the SDK. The work waits for a spare processor: on a 2-core machine, warming up while the build compiles or
 * starts a test JVM slowed the build by as much as the warm-up saved (measured with {@code bench/run.sh}), while a
 * build that waits on tests, a network or a forked process leaves a core idle for it. So the thread samples the
 * machine's CPU load every 0.1 s and starts once at least one processor's worth stayed idle for 0.2 s
 * ({@code codepipeline.warmUp=now} starts at once). The thread is a daemon, and {@link #cancel()} (at the end of the
 * session) stops a warm-up that has not started, so that nothing outlives the build in a long-lived JVM (mvnd). A
 * report that starts first simply does the work itself, sharing whatever was loaded.
 */
public final class ClientWarmUp implements Runnable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ClientWarmUp.class);
    private static final String PLACEHOLDER = "warm-up";
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");
    private static final long SAMPLE_MILLIS = 100;
    /** Idle samples in a row before starting: a build's short pauses between goals are not idle time. */
    private static final int IDLE_SAMPLES = 2;
    private static final long MAX_WAIT_MINUTES = 60;

    private final IdleProcessors idle;
    private final Runnable alsoPrepare;
    private Thread thread;
    private boolean cancelled;
    private boolean started;
    private volatile boolean prepared;

    /** @param idle {@code null} to start at once, without waiting for an idle processor */
    ClientWarmUp(IdleProcessors idle, Runnable alsoPrepare) {
        this.idle = idle;
        this.alsoPrepare = alsoPrepare;
    }

    /**
     * Starts the warm-up thread; {@link #cancel()} it when the build ends.
     *
     * @param waitForIdle whether to wait for an idle processor first ({@code codepipeline.warmUp=true}) or start at
     *     once ({@code now})
     * @param alsoPrepare more of a report's path to prepare in the same thread (the message's side of it)
     */
    public static ClientWarmUp start(boolean waitForIdle, Runnable alsoPrepare) {
        ClientWarmUp warmUp = new ClientWarmUp(waitForIdle ? IdleProcessors.ofThisMachine() : null, alsoPrepare);
        Thread thread = new Thread(warmUp, "codepipeline-client-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        synchronized (warmUp) {
            warmUp.thread = thread;
        }
        thread.start();
        return warmUp;
    }

    /**
     * The build ended: a warm-up still waiting for an idle processor stops at once (nothing may outlive a build in a
     * long-lived JVM such as mvnd's); one under way finishes, within a second, sending nothing.
     */
    public synchronized void cancel() {
        cancelled = true;
        if (!started && thread != null) {
            thread.interrupt();
        }
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Whether the warm-up ran to its end. */
    boolean prepared() {
        return prepared;
    }

    @Override
    public void run() {
        try {
            long waitStart = System.nanoTime();
            if (idle != null) {
                waitForIdleProcessor(waitStart);
            }
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                started = true;
            }
            long start = System.nanoTime();
            warmUp();
            alsoPrepare.run();
            prepared = true;
            LOGGER.debug("CodePipeline: prepared the AWS SDK for a report in the background in {} ms, after waiting {} ms"
                    + " for an idle processor.", (System.nanoTime() - start) / 1_000_000, (start - waitStart) / 1_000_000);
        } catch (InterruptedException e) {
            // cancelled while waiting
        } catch (RuntimeException | LinkageError e) {
            // Only an optimisation: the report itself will meet (and explain) any real problem.
            LOGGER.debug("CodePipeline: preparing the AWS SDK in the background failed; a report will do it then.", e);
        }
    }

    /**
     * Waits until at least one processor's worth of CPU (half of a one-processor machine) stayed idle for {@value #IDLE_SAMPLES} samples; gives up after {@value #MAX_WAIT_MINUTES} minutes, in
     * case the end of the session is never signalled (Maven skips {@code afterSessionEnd} when the build fails
     * before it starts running goals).
     */
    private void waitForIdleProcessor(long waitStart) throws InterruptedException {
        double enough = Math.min(1.0, Runtime.getRuntime().availableProcessors() / 2.0);
        long deadline = waitStart + TimeUnit.MINUTES.toNanos(MAX_WAIT_MINUTES);
        int idleSamples = 0;
        while (idleSamples < IDLE_SAMPLES) {
            if (isCancelled() || System.nanoTime() - deadline > 0) {
                throw new InterruptedException("cancelled, or no idle processor for too long");
            }
            Thread.sleep(SAMPLE_MILLIS);
            idleSamples = idle.get() >= enough ? idleSamples + 1 : 0;
        }
    }

    static void warmUp() {
        SdkLogging.quiet();
        // The JVM's TLS setup, which a report to an https endpoint needs (it reads the trust store).
        SSLSocketFactory tls = HttpsURLConnection.getDefaultSSLSocketFactory();
        Duration timeout = Duration.ofSeconds(10);
        try (LoopbackAnswer answer = new LoopbackAnswer();
                CodePipelineClient client = CodePipelineJobClient.builder(
                                UrlConnectionHttpClient.create(new ConnectionFactory(null, timeout, timeout, () -> tls)),
                                Region.US_EAST_1,
                                StaticCredentialsProvider.create(AwsBasicCredentials.create(PLACEHOLDER, PLACEHOLDER)),
                                timeout, timeout, 1)
                        .endpointOverride(answer.uri())
                        .build()) {
            client.putThirdPartyJobFailureResult(r -> r
                    .jobId(PLACEHOLDER)
                    .clientToken(PLACEHOLDER)
                    .failureDetails(f -> f.type(FailureType.JOB_FAILED).message(PLACEHOLDER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A one-request HTTP server on the loopback interface that answers like CodePipeline ({@code 200 {}}), so that
     * the warm-up goes through the same HTTP client and JDK connection code as a report, without leaving the machine.
     */
    private static final class LoopbackAnswer implements AutoCloseable {
        private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII);
        private final ServerSocket server;

        LoopbackAnswer() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            server.setSoTimeout(10_000);
            Thread thread = new Thread(this::answerOnce, "codepipeline-client-warm-up-answer");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri() {
            try {
                // The URI constructor brackets an IPv6 loopback address (-Djava.net.preferIPv6Addresses=true).
                return new URI("http", null, server.getInetAddress().getHostAddress(), server.getLocalPort(), null, null, null);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private void answerOnce() {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (head.indexOf("\r\n\r\n") < 0) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                Matcher length = CONTENT_LENGTH.matcher(head);
                for (long left = length.find() ? Long.parseLong(length.group(1)) : 0; left > 0 && in.read() >= 0; left--) {
                    // the request's body: read, not needed
                }
                OutputStream out = socket.getOutputStream();
                out.write(RESPONSE);
                out.flush();
            } catch (IOException | RuntimeException e) {
                // The warm-up's call then fails, and run() logs it at debug level.
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
