package io.github.codepipeline.maven.artifact;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes test archives, hostile ones included: any name, any Unix mode, a lying size. */
public final class Zips {
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();
    private final Map<String, Long> announcedSizes = new LinkedHashMap<>();
    private final Map<String, Long> crcs = new LinkedHashMap<>();
    private final Map<String, Long> compressedSizes = new LinkedHashMap<>();
    private boolean zip64;

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

    /** Makes the central directory say the compressed data is {@code size} bytes: a cut deflate stream. */
    public Zips compressedSize(String name, long size) {
        compressedSizes.put(name, size);
        return this;
    }

    /** Makes the central directory announce {@code crc} for {@code name}, whatever it holds. */
    public Zips crc(String name, long crc) {
        crcs.put(name, crc);
        return this;
    }

    /**
     * Writes the zip by hand, stored, with Zip64 records: every size in the central directory is 0xFFFFFFFF and the
     * real (or announced) one is in a Zip64 extra field, and the end of central directory points to a Zip64 one, as
     * zips over 4 GB or 65,535 entries have them.
     */
    public Zips zip64() {
        zip64 = true;
        return this;
    }

    public Path write(Path zip) throws IOException {
        if (zip64) {
            return writeZip64(zip);
        }
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
                Long compressed = compressedSizes.get(entry.name);
                if (compressed != null) {
                    ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    value.putInt(0, (int) (long) compressed);
                    channel.write(value, entry.centralOffset + 20);
                }
                Long crc = crcs.get(entry.name);
                if (crc != null) {
                    ByteBuffer value = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                    value.putInt(0, (int) (long) crc);
                    channel.write(value, entry.centralOffset + 16);
                }
            }
        }
        return zip;
    }

    private Path writeZip64(Path zip) throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        long offset = 0;
        int count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] data = entry.getValue();
                CRC32 crc32 = new CRC32();
                crc32.update(data);
                long crc = crcs.getOrDefault(entry.getKey(), crc32.getValue());
                long size = announcedSizes.getOrDefault(entry.getKey(), (long) data.length);
                ByteBuffer local = le(30 + name.length);
                local.putInt(CentralDirectory.LOCAL).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                        .putShort((short) 0).putShort((short) 0x21).putInt((int) crc).putInt(data.length).putInt(data.length)
                        .putShort((short) name.length).putShort((short) 0).put(name);
                out.write(local.array());
                out.write(data);
                ByteBuffer record = le(46 + name.length + 20);
                record.putInt(CentralDirectory.CENTRAL).putShort((short) ((3 << 8) | 45)).putShort((short) 45)
                        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt((int) crc)
                        .putInt(data.length).putInt(0xFFFFFFFF).putShort((short) name.length).putShort((short) 20)
                        .putShort((short) 0).putShort((short) 0).putShort((short) 0)
                        .putInt(modes.get(entry.getKey()) << 16).putInt(0xFFFFFFFF).put(name)
                        .putShort((short) 0x0001).putShort((short) 16).putLong(size).putLong(offset);
                central.write(record.array());
                offset += local.capacity() + data.length;
                count++;
            }
            out.write(central.toByteArray());
            long zip64End = offset + central.size();
            ByteBuffer end = le(56 + 20 + 22);
            end.putInt(CentralDirectory.ZIP64_EOCD).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                    .putLong(count).putLong(count).putLong(central.size()).putLong(offset);
            end.putInt(CentralDirectory.ZIP64_LOCATOR).putInt(0).putLong(zip64End).putInt(1);
            end.putInt(CentralDirectory.EOCD).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                    .putShort((short) 0xFFFF).putInt(0xFFFFFFFF).putInt(0xFFFFFFFF).putShort((short) 0);
            out.write(end.array());
        }
        return zip;
    }

    /**
     * A stored zip of {@code count} empty files {@code f0000000}, {@code f0000001}..., then {@code last} (when not
     * {@code null}), written as it goes: an archive of a million entries in a few seconds.
     */
    public static Path manyEmptyFiles(Path zip, int count, String last) throws IOException {
        long offset = 0;
        int total = count + (last == null ? 0 : 1);
        Path centralFile = Files.createTempFile(zip.getParent(), "central", ".bin");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(zip), 1 << 16);
                    OutputStream central = new BufferedOutputStream(Files.newOutputStream(centralFile), 1 << 16)) {
                long centralSize = 0;
                for (int i = 0; i < total; i++) {
                    byte[] name = (i < count ? String.format("f%07d", i) : last).getBytes(StandardCharsets.UTF_8);
                    ByteBuffer local = le(30 + name.length);
                    local.putInt(CentralDirectory.LOCAL).putShort((short) 20).putShort((short) 0).putShort((short) 0)
                            .putShort((short) 0).putShort((short) 0x21).putInt(0).putInt(0).putInt(0)
                            .putShort((short) name.length).putShort((short) 0).put(name);
                    out.write(local.array());
                    ByteBuffer record = le(46 + name.length);
                    record.putInt(CentralDirectory.CENTRAL).putShort((short) ((3 << 8) | 20)).putShort((short) 20)
                            .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0x21).putInt(0)
                            .putInt(0).putInt(0).putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                            .putShort((short) 0).putShort((short) 0).putInt(0100644 << 16).putInt((int) offset).put(name);
                    central.write(record.array());
                    centralSize += record.capacity();
                    offset += local.capacity();
                }
                central.close();
                Files.copy(centralFile, out);
                ByteBuffer end = le(56 + 20 + 22);
                long zip64End = offset + centralSize;
                end.putInt(CentralDirectory.ZIP64_EOCD).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0)
                        .putInt(0).putLong(total).putLong(total).putLong(centralSize).putLong(offset);
                end.putInt(CentralDirectory.ZIP64_LOCATOR).putInt(0).putLong(zip64End).putInt(1);
                end.putInt(CentralDirectory.EOCD).putShort((short) 0).putShort((short) 0).putShort((short) 0xFFFF)
                        .putShort((short) 0xFFFF).putInt((int) centralSize).putInt((int) offset).putShort((short) 0);
                out.write(end.array());
            }
        } finally {
            Files.deleteIfExists(centralFile);
        }
        return zip;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
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
