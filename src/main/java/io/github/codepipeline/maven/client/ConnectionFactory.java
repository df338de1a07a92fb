package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Supplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionFactory;

/**
 * Opens the SDK's connections along the route {@link io.github.codepipeline.maven.config.ProxySettings} chose, with
 * the connect and read timeouts.
 *
 * <p>Not the SDK's {@code ProxyConfiguration}: the SDK sends proxy credentials as a header on the connection, which
 * for an https endpoint the JDK leaves out of its {@code CONNECT} request and sends to the server instead (see
 * {@link ProxyTunnel}); and without a proxy it lets the JVM's default proxy selector decide, which under mvnd reads
 * the daemon's properties rather than the build's. Here a direct route is {@link Proxy#NO_PROXY}.
 */
final class ConnectionFactory implements UrlConnectionFactory {
    private final ProxyServer proxy;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Supplier<SSLSocketFactory> tlsFactory;
    private SSLSocketFactory tls;
    private ProxyTunnel tunnel;

    /**
     * @param proxy the proxy to go through, or {@code null} to connect directly
     * @param tls the TLS socket factory for https endpoints, asked for on the first https connection only: the
     *     JVM's default one reads the trust store, about 0.1 s that an http endpoint need not pay
     */
    ConnectionFactory(ProxyServer proxy, Duration connectTimeout, Duration readTimeout, Supplier<SSLSocketFactory> tls) {
        this.proxy = proxy;
        this.connectTimeoutMillis = (int) connectTimeout.toMillis();
        this.readTimeoutMillis = (int) readTimeout.toMillis();
        this.tlsFactory = tls;
    }

    private synchronized SSLSocketFactory tls() {
        if (tls == null) {
            tls = tlsFactory.get();
        }
        return tls;
    }

    private synchronized ProxyTunnel tunnel() {
        if (tunnel == null) {
            tunnel = new ProxyTunnel(tls(), proxy.host(), proxy.port(), authorization(proxy), readTimeoutMillis);
        }
        return tunnel;
    }

    @Override
    public HttpURLConnection createConnection(URI uri) {
        try {
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            HttpURLConnection connection;
            if (proxy == null || https && proxy.hasCredentials()) {
                connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            } else {
                connection = (HttpURLConnection) uri.toURL().openConnection(
                        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
                if (!https && proxy.hasCredentials()) {
                    // A plain http request goes to the proxy itself, header and all.
                    connection.setRequestProperty("Proxy-Authorization", authorization(proxy));
                }
            }
            if (connection instanceof HttpsURLConnection) {
                ((HttpsURLConnection) connection).setSSLSocketFactory(proxy != null && proxy.hasCredentials() ? tunnel() : tls());
            }
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String authorization(ProxyServer proxy) {
        if (!proxy.hasCredentials()) {
            return null;
        }
        String credentials = proxy.username() + ":" + proxy.password();
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
