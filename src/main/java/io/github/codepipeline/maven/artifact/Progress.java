package io.github.codepipeline.maven.artifact;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Progress of a long transfer, at most one line every {@link #INTERVAL_NANOS} (and none for a transfer that ends
 * sooner): bytes so far, of how many, and the rate. Safe to tell from several threads (an upload's parts).
 */
public final class Progress {
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final String what;
    private volatile long total;
    private final Consumer<String> log;
    private final long start;
    private long last;
    private long done;

    /**
     * @param what "Uploading BuildOutput"
     * @param total the bytes to transfer, or -1 when not known
     */
    public Progress(String what, long total, Consumer<String> log) {
        this(what, total, log, System.nanoTime());
    }

    Progress(String what, long total, Consumer<String> log, long startNanos) {
        this.what = what;
        this.total = total;
        this.log = log;
        this.start = startNanos;
        this.last = startNanos;
    }

    public void add(long bytes) {
        add(bytes, System.nanoTime());
    }

    /** The bytes to transfer, once they are known (an upload's zip, when it is written). */
    public void total(long bytes) {
        total = bytes;
    }

    synchronized void add(long bytes, long now) {
        done += bytes;
        if (now - last >= INTERVAL_NANOS) {
            last = now;
            long all = total;
            log.accept(what + ": " + megabytes(done) + (all >= 0 ? " of " + megabytes(all) : "") + " ("
                    + rate(done, now - start) + ")");
        }
    }

    public synchronized long bytes() {
        return done;
    }

    public long elapsedNanos() {
        return System.nanoTime() - start;
    }

    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    public static String rate(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.1f MB/s", nanos <= 0 ? 0.0 : bytes / 1048576.0 / (nanos / 1e9));
    }
}
