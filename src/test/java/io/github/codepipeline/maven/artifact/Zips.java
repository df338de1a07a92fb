package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes test archives, hostile ones included: any name, any Unix mode, a lying size. */
public final class Zips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();
    private final Map<String, Long> announcedSizes = new LinkedHashMap<>();

    public Zips file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
    }

    public Zips file(String name, byte[] content, int mode) {
        entries.put(name, content);
        modes.put(name, mode);
        return this;
    }

    public Zips symlink(String name, String target) {
        return file(name, target.getBytes(StandardCharsets.UTF_8), 0120777);
    }

    /** Makes the central directory announce {@code size} bytes for {@code name}, whatever it holds. */
    public Zips announce(String name, long size) {
        announcedSizes.put(name, size);
        return this;
    }

    public Path write(Path zip) throws IOException {
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            for (CentralDirectory.Entry entry : CentralDirectory.read(channel)) {
                put(channel, entry.centralOffset + 4, (short) ((3 << 8) | 20));
                ByteBuffer attributes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                attributes.putInt(0, modes.get(entry.name) << 16);
                channel.write(attributes, entry.centralOffset + 38);
                Long size = announcedSizes.get(entry.name);
                if (size != null) {
                    ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    value.putInt(0, (int) (long) size);
                    channel.write(value, entry.centralOffset + 24);
                }
            }
        }
        return zip;
    }

    /**
     * Checks a zip as its consumers read it: {@code unzip -t} (every entry's CRC; where unzip is installed) and Java's
     * {@code ZipFile} (every entry read whole); returns entry name to method.
     */
    public static Map<String, Integer> check(Path zip) throws IOException, InterruptedException {
        ArtifactZipTest.unzipTest(zip);
        Map<String, Integer> methods = new LinkedHashMap<>();
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                methods.put(entry.getName(), entry.getMethod());
                try (java.io.InputStream in = file.getInputStream(entry)) {
                    byte[] buffer = new byte[1 << 16];
                    long read = 0;
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read += n;
                    }
                    if (read != entry.getSize()) {
                        throw new IOException(entry.getName() + ": " + read + " bytes, not " + entry.getSize());
                    }
                }
            }
        }
        return methods;
    }

    private static void put(FileChannel channel, long position, short value) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(0, value);
        channel.write(buffer, position);
    }
}
