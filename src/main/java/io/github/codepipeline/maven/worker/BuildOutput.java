package io.github.codepipeline.maven.worker;

import io.github.codepipeline.maven.config.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A build's output (stdout and stderr together), read to its last byte by a thread of its own however fast it comes,
 * and kept bounded three ways: {@code build.log} holds the head and the tail ({@link #HEAD_BYTES} and
 * {@link #TAIL_BYTES}) with one line between them saying what was left out; the lines for the worker's log wait in a
 * bounded queue (when the build writes faster than the worker prints, the oldest waiting lines are left out there, and
 * one line says how many: the last lines are always printed); the last {@link #TAIL_LINES} lines, for the failure message, are always the build's real last lines. Each line
 * is masked (the job's secrets) before it is cut, kept, written or printed.
 */
final class BuildOutput {
    static final int TAIL_LINES = 40;
    /** Longer lines are cut when printed and kept: a minified file printed by a test must not fill the worker's memory. */
    static final int MAX_LINE = 2000;
    /**
     * The longest secret a line is sure to be masked for before it is cut: a line is read up to
     * {@code 4 * (MAX_LINE + MASKED)} bytes, masked, then cut at {@link #MAX_LINE} characters, so a secret that starts
     * before the cut is whole when masked (a configuration value has at most 1,000 characters, a client token 256).
     */
    static final int MASKED = 4096;
    static final long HEAD_BYTES = 4L * 1024 * 1024;
    static final long TAIL_BYTES = 4L * 1024 * 1024;
    static final int QUEUE_LINES = 10_000;
    private static final int CHUNK = 64 * 1024;

    private final Secrets secrets;
    private final OutputStream log;
    private final long headBytes;
    private final long tailBytes;
    private final BlockingQueue<String> printing = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final AtomicLong notPrinted = new AtomicLong();
    private final Deque<String> last = new ArrayDeque<>();
    private final Deque<byte[]> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private long written;
    private long tailSize;
    private long leftOutLines;
    private long leftOutBytes;
    private volatile long bytes;
    private volatile boolean done;

    BuildOutput(Path log, Secrets secrets, long headBytes, long tailBytes) throws IOException {
        this.secrets = secrets;
        this.log = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        this.headBytes = headBytes;
        this.tailBytes = tailBytes;
    }

    /** Reads {@code in} to its end (on the calling thread), then closes {@code build.log}. */
    void readAll(InputStream in) {
        byte[] buffer = new byte[CHUNK];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                accept(buffer, read);
            }
        } catch (IOException e) {
            // the pipe was closed: the build's end, or the worker gave up on a process that kept it open
        } finally {
            finish();
        }
    }

    /** Takes {@code length} more bytes of output. */
    void accept(byte[] buffer, int length) {
        bytes += length;
        // ISO-8859-1 keeps bytes apart; lines are decoded as UTF-8 whole
        String text = new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) == '\n') {
                append(text, start, i);
                emit();
                start = i + 1;
            }
        }
        append(text, start, length);
    }

    private void append(String text, int from, int to) {
        int room = 4 * (MAX_LINE + MASKED) - partial.length();
        partial.append(text, from, Math.min(to, from + Math.max(0, room)));
    }

    private void emit() {
        byte[] raw = partial.toString().getBytes(StandardCharsets.ISO_8859_1);
        partial.setLength(0);
        String line = new String(raw, StandardCharsets.UTF_8);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        line = secrets.redact(line); // before the cut: a secret crossing it would lose its end and no longer match
        keep((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + "\u2026";
        }
        synchronized (last) {
            last.addLast(line);
            if (last.size() > TAIL_LINES) {
                last.removeFirst();
            }
        }
        while (!printing.offer(line)) { // the worker prints slower than the build writes: the oldest lines give way
            if (printing.poll() != null) {
                notPrinted.incrementAndGet();
            }
        }
    }

    /** Writes the line to {@code build.log} while the head has room, else keeps it in the tail. */
    private void keep(byte[] line) {
        if (written < headBytes) {
            write(line);
            return;
        }
        tail.addLast(line);
        tailSize += line.length;
        while (tailSize > tailBytes && !tail.isEmpty()) {
            byte[] dropped = tail.removeFirst();
            tailSize -= dropped.length;
            leftOutLines++;
            leftOutBytes += dropped.length;
        }
    }

    private void write(byte[] line) {
        try {
            log.write(line);
            written += line.length;
        } catch (IOException e) {
            written = Long.MAX_VALUE; // a full disk: the log stops, the build goes on; its last lines are still kept
        }
    }

    private void finish() {
        if (partial.length() > 0) {
            emit();
        }
        if (leftOutLines > 0) {
            write(("[codepipeline: " + leftOutLines + (leftOutLines == 1 ? " line" : " lines") + " (" + leftOutBytes
                    + " bytes) of output left out here: build.log keeps the first " + size(headBytes) + " and the last "
                    + size(tailBytes) + "]\n").getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] line : tail) {
            write(line);
        }
        tail.clear();
        try {
            log.close();
        } catch (IOException e) {
            // nothing more to write
        }
        done = true;
    }

    private static String size(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    /** Whether the output has ended (every byte read, {@code build.log} closed). */
    boolean isDone() {
        return done;
    }

    /** Bytes read so far. */
    long bytes() {
        return bytes;
    }

    /** Hands the lines waiting to be printed to {@code lines}, and a line for those left out before them. */
    void print(Consumer<String> lines, int max) {
        for (int i = 0; i < max; i++) {
            long skipped = notPrinted.getAndSet(0);
            if (skipped > 0) {
                lines.accept("[codepipeline: " + skipped + (skipped == 1 ? " line" : " lines") + " of output not shown here:"
                        + " the build wrote faster than the worker prints; build.log has its head and tail]");
            }
            String line = printing.poll();
            if (line == null) {
                return;
            }
            lines.accept(line);
        }
    }

    /** At the output's end: the last {@code max} lines waiting (one line for those left out before them). */
    void printEnd(Consumer<String> lines, int max) {
        while (printing.size() > max) {
            if (printing.poll() != null) {
                notPrinted.incrementAndGet();
            }
        }
        print(lines, max);
    }

    /** The build's last lines so far (masked, cut). */
    List<String> last() {
        synchronized (last) {
            return new ArrayList<>(last);
        }
    }
}
