package io.github.codepipeline.maven.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most {@code limit} bytes (then reports the end of the stream), and counts what it gave. */
final class CappedInputStream extends FilterInputStream {
    private long limit;
    private long count;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    void limit(long limit) {
        this.limit = Math.min(this.limit, limit);
    }

    @Override
    public int read() throws IOException {
        if (count >= limit) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (count >= limit) {
            return -1;
        }
        int n = super.read(buffer, offset, (int) Math.min(length, limit - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, Math.max(0, limit - count)));
        count += skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), Math.max(0, limit - count));
    }

    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }
}
