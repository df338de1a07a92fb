package io.github.codepipeline.maven.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A tiny HTTP proxy on 127.0.0.1 for tests: forwards plain http requests (absolute URI) and tunnels
 * {@code CONNECT}, one request per connection, and records the request line and {@code Proxy-Authorization}
 * of each. With credentials, it answers 407 to requests without them, as a real proxy would.
 */
public final class ForwardProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String requiredAuthorization;
    private final List<String> requestLines = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    /** A proxy that lets everything through. */
    public ForwardProxy() {
        this(null, null);
    }

    /** A proxy that requires Basic authentication with these credentials. */
    public ForwardProxy(String username, String password) {
        this.requiredAuthorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "test-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request lines that reached the proxy: {@code POST http://127.0.0.1:1234/ HTTP/1.1}, {@code CONNECT ...}. */
    public List<String> requestLines() {
        synchronized (requestLines) {
            return new ArrayList<>(requestLines);
        }
    }

    /** The {@code Proxy-Authorization} header of each request, or "" when it had none. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return new ArrayList<>(authorizations);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> handle(client), "test-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (Socket c = client) {
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String requestLine = lines[0];
            String authorization = header(lines, "proxy-authorization");
            requestLines.add(requestLine);
            authorizations.add(authorization == null ? "" : authorization);
            if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return;
            }
            String[] parts = requestLine.split(" ");
            if (parts[0].equals("CONNECT")) {
                tunnel(parts[1], in, out);
            } else {
                forward(parts[0], URI.create(parts[1]), parts[2], lines, in, out);
            }
        } catch (IOException e) {
            // the client or the server went away: nothing to do in a test proxy
        }
    }

    private static void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket target = new Socket(authority.substring(0, colon).replace("[", "").replace("]", ""),
                Integer.parseInt(authority.substring(colon + 1)))) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread upstream = pipe(in, target.getOutputStream());
            copy(target.getInputStream(), out);
            try {
                upstream.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends the request on in origin form with {@code Connection: close}, and the answer back the same way. */
    private static void forward(String method, URI uri, String version, String[] lines, InputStream in, OutputStream out)
            throws IOException {
        try (Socket target = new Socket(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort())) {
            StringBuilder request = new StringBuilder(method).append(' ')
                    .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(version).append("\r\n");
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, lines[i].indexOf(':')).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-length")) {
                    length = Integer.parseInt(lines[i].substring(lines[i].indexOf(':') + 1).trim());
                }
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    request.append(lines[i]).append("\r\n");
                }
            }
            OutputStream targetOut = target.getOutputStream();
            targetOut.write(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            targetOut.write(in.readNBytes(length));
            targetOut.flush();

            InputStream targetIn = target.getInputStream();
            String responseHead = readHead(targetIn);
            if (responseHead == null) {
                return;
            }
            StringBuilder response = new StringBuilder();
            for (String line : responseHead.split("\r\n")) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    response.append(line).append("\r\n");
                }
            }
            out.write(response.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            copy(targetIn, out);
        }
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The head of an HTTP message, without the final empty line; {@code null} at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static Thread pipe(InputStream in, OutputStream out) {
        Thread thread = new Thread(() -> {
            try {
                copy(in, out);
            } catch (IOException e) {
                // closed
            }
        }, "test-proxy-pipe");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
