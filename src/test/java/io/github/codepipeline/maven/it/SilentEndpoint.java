package io.github.codepipeline.maven.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An endpoint on 127.0.0.1 that accepts connections and never answers: the worst a network can do. */
public final class SilentEndpoint implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> held = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile long firstConnectionNanos;

    public SilentEndpoint() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    if (connections.getAndIncrement() == 0) {
                        firstConnectionNanos = System.nanoTime();
                    }
                    synchronized (held) {
                        held.add(socket);
                    }
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many connections it accepted (one per attempt). */
    public int connections() {
        return connections.get();
    }

    /** {@link System#nanoTime()} when the first connection came, or 0. */
    public long firstConnectionNanos() {
        return firstConnectionNanos;
    }

    @Override
    public void close() {
        try {
            server.close();
            synchronized (held) {
                for (Socket socket : held) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            // nothing to do
        }
    }
}
