package io.github.codepipeline.maven.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Crafts tar files byte by byte, hostile ones included: any name, type, size, link target, header entry. */
public final class Tars {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean ended;

    public Tars file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public Tars file(String name, byte[] content, int mode) {
        return entry(name, '0', content, "", mode, content.length);
    }

    public Tars directory(String name) {
        return entry(name, '5', new byte[0], "", 0755, 0);
    }

    public Tars symlink(String name, String target) {
        return entry(name, '2', new byte[0], target, 0777, 0);
    }

    public Tars hardLink(String name, String target) {
        return entry(name, '1', new byte[0], target, 0644, 0);
    }

    public Tars type(String name, char type) {
        return entry(name, type, new byte[0], "", 0644, 0);
    }

    /** A GNU long name ({@code ././@LongLink}, type L) for the next entry. */
    public Tars gnuLongName(String name) {
        byte[] data = (name + "\0").getBytes(StandardCharsets.UTF_8);
        return entry("././@LongLink", 'L', data, "", 0644, data.length);
    }

    /** A pax header (type x) for the next entry. */
    public Tars pax(String... keysAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            ArtifactTar.record(sb, keysAndValues[i], keysAndValues[i + 1]);
        }
        byte[] data = sb.toString().getBytes(StandardCharsets.UTF_8);
        return entry("PaxHeaders/x", 'x', data, "", 0644, data.length);
    }

    /** Any entry, with {@code announced} in its size field (data is {@code content}, padded). */
    public Tars entry(String name, char type, byte[] content, String link, int mode, long announced) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 1000);
        octal(h, 116, 8, 1000);
        octal(h, 124, 12, announced);
        octal(h, 136, 12, 1_700_000_000L);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = (byte) type;
        byte[] l = link.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, h, 157, Math.min(100, l.length));
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 8);
        System.arraycopy("someone".getBytes(StandardCharsets.US_ASCII), 0, h, 265, 7);
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        octal(h, 148, 7, sum);
        out.write(h, 0, 512);
        out.write(content, 0, content.length);
        out.write(new byte[(512 - content.length % 512) % 512], 0, (512 - content.length % 512) % 512);
        return this;
    }

    private static void octal(byte[] h, int offset, int length, long value) {
        h[offset + length - 1] = 0;
        for (int i = offset + length - 2; i >= offset; i--) {
            h[i] = (byte) ('0' + (value & 7));
            value >>>= 3;
        }
    }

    /**
     * A gzipped tar of {@code count} empty files ({@code d000/f0000}...), written as it goes: a million entries (512 MB
     * of headers) in a few seconds and a small heap.
     */
    public static Path manyEmptyFiles(Path tgz, int count) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                Tars one = new Tars().file(String.format("d%03d/f%04d", i / 1000, i % 1000), new byte[0], 0644);
                out.write(one.out.toByteArray());
            }
            out.write(new byte[1024]);
        }
        return tgz;
    }

    public byte[] bytes() {
        if (!ended) {
            out.write(new byte[1024], 0, 1024);
            ended = true;
        }
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    public Path writeGzip(Path file) throws IOException {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
            gz.write(bytes());
        }
        return file;
    }
}
