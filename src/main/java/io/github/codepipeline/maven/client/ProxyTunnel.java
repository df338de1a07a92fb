package io.github.codepipeline.maven.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS sockets that reach their host through an HTTP proxy's {@code CONNECT} tunnel, sending the proxy's Basic
 * credentials with the {@code CONNECT} request, as curl and Maven's own HTTP transport do.
 *
 * <p>Needed because the JDK cannot do it for an {@code HttpsURLConnection}: it does not send a
 * {@code Proxy-Authorization} header set on the connection with its {@code CONNECT} request (it sends it to the
 * server, inside the tunnel, instead), and it refuses Basic authentication for tunnels by default
 * ({@code jdk.http.auth.tunneling.disabledSchemes}), which only a JVM-wide setting could change.
 *
 * <p>The connection opens with {@link java.net.Proxy#NO_PROXY} and this factory: the JDK asks it for an unconnected
 * socket, connects it to the server's address (this socket connects to the proxy and opens the tunnel instead), then
 * asks it to layer TLS over that socket.
 */
final class ProxyTunnel extends SSLSocketFactory {
    private static final int MAX_RESPONSE_HEAD = 64 * 1024;

    private final SSLSocketFactory tls;
    private final String proxyHost;
    private final int proxyPort;
    private final String authorization;
    private final int readTimeoutMillis;

    /**
     * @param authorization the {@code Proxy-Authorization} value, or {@code null}
     * @param readTimeoutMillis how long to wait for the proxy's answer to {@code CONNECT}
     */
    ProxyTunnel(SSLSocketFactory tls, String proxyHost, int proxyPort, String authorization, int readTimeoutMillis) {
        this.tls = tls;
        this.proxyHost = proxyHost;
        this.proxyPort = proxyPort;
        this.authorization = authorization;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    @Override
    public Socket createSocket() {
        return new TunnelSocket();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved(host, port), readTimeoutMillis);
        return createSocket(socket, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostName(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostName(), port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /** A plain socket whose {@link #connect} opens a tunnel to the requested address through the proxy. */
    private final class TunnelSocket extends Socket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            super.connect(new InetSocketAddress(proxyHost, proxyPort), timeout);
            try {
                openTunnel(authority(target.getHostString(), target.getPort()));
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private void openTunnel(String authority) throws IOException {
            int previousTimeout = getSoTimeout();
            setSoTimeout(readTimeoutMillis);
            StringBuilder request = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(authority).append("\r\n");
            if (authorization != null) {
                request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
            }
            OutputStream out = getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String statusLine = readResponseHead(getInputStream());
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].startsWith("2")) {
                // The JDK's wording for the same failure, so that both paths read alike.
                throw new IOException("Unable to tunnel through proxy. Proxy returns \"" + statusLine + "\"");
            }
            setSoTimeout(previousTimeout);
        }

        /** Reads up to the empty line that ends the proxy's answer (byte by byte: what follows belongs to TLS). */
        private String readResponseHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0 || head.size() >= MAX_RESPONSE_HEAD) {
                    throw new IOException("Unable to tunnel through proxy. The proxy " + proxyHost + ":" + proxyPort
                            + " closed the connection without a valid answer to CONNECT");
                }
                head.write(b);
                if (b == '\r') {
                    matched = matched == 2 ? 3 : 1;
                } else {
                    matched = b == '\n' && (matched == 1 || matched == 3) ? matched + 1 : 0;
                }
            }
            String text = new String(head.toByteArray(), StandardCharsets.ISO_8859_1);
            return text.substring(0, text.indexOf("\r\n")).trim();
        }
    }

    private static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
