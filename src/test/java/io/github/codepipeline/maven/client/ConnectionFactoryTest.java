package io.github.codepipeline.maven.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.codepipeline.maven.config.ProxyServer;
import io.github.codepipeline.maven.it.ForwardProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes to an https endpoint: direct, through a proxy, through a proxy that wants credentials. */
class ConnectionFactoryTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    private static WireMockServer server;
    private static SSLSocketFactory tls;

    /** A certificate for 127.0.0.1, trusted by {@link #tls} only. */
    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path keystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        server = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(keystore.toString()).keystoreType("PKCS12").keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        tls = context.getSocketFactory();
    }

    @AfterAll
    static void stopHttpsServer() {
        server.stop();
    }

    private static URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.httpsPort() + "/");
    }

    private static int post(ConnectionFactory factory) throws IOException {
        HttpURLConnection connection = factory.createConnection(endpoint());
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write("{}".getBytes());
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private static ProxyServer proxy(ForwardProxy proxy, String username, String password) {
        return ProxyServer.fromMavenSettings("test", "https", "127.0.0.1", proxy.port(), username, password, null);
    }

    private static ConnectionFactory factory(ProxyServer proxy) {
        return new ConnectionFactory(proxy, Duration.ofSeconds(5), Duration.ofSeconds(5), () -> tls);
    }

    @Test
    void directWithTheTimeouts() throws Exception {
        server.resetRequests();
        HttpURLConnection connection = factory(null).createConnection(endpoint());

        assertThat(connection.getConnectTimeout()).isEqualTo(5000);
        assertThat(connection.getReadTimeout()).isEqualTo(5000);
        assertThat(post(factory(null))).isEqualTo(200);
    }

    @Test
    void throughAProxyThatNeedsNoCredentials() throws Exception {
        try (ForwardProxy forward = new ForwardProxy()) {
            assertThat(post(factory(proxy(forward, null, null)))).isEqualTo(200);

            assertThat(forward.requestLines()).containsExactly("CONNECT 127.0.0.1:" + server.httpsPort() + " HTTP/1.1");
        }
    }

    @Test
    void throughAProxyThatWantsCredentialsTheyGoWithConnectAndNotToTheServer() throws Exception {
        server.resetRequests();
        try (ForwardProxy forward = new ForwardProxy("builder", "s3cret-proxy")) {
            assertThat(post(factory(proxy(forward, "builder", "s3cret-proxy")))).isEqualTo(200);

            assertThat(forward.requestLines()).containsExactly("CONNECT 127.0.0.1:" + server.httpsPort() + " HTTP/1.1");
            assertThat(forward.authorizations()).containsExactly("Basic YnVpbGRlcjpzM2NyZXQtcHJveHk=");
            List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
            assertThat(requests).hasSize(1);
            assertThat(requests.get(0).containsHeader("Proxy-Authorization")).isFalse();
        }
    }

    @Test
    void wrongCredentialsFailLikeTheJdksOwnTunnel() {
        try (ForwardProxy forward = new ForwardProxy("builder", "s3cret-proxy")) {
            assertThatThrownBy(() -> post(factory(proxy(forward, "builder", "wrong"))))
                    .isInstanceOf(IOException.class)
                    .hasMessage("Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 407 Proxy Authentication Required\"");
        }
    }
}
