package io.github.codepipeline.maven.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.Deflater;

/** Whether a file is worth deflating: {@link ArtifactZip} stores what is compressed already. */
final class Compression {
    /**
     * Extensions of formats that are compressed already: Java and other archives (a jar's classes are deflated inside
     * it), compressed streams, images, audio, video, web fonts, office documents (zips).
     */
    static final Set<String> COMPRESSED = new HashSet<>(Arrays.asList(
            "jar", "war", "ear", "aar", "apk", "jmod", "hpi", "nar", "whl", "egg", "nupkg", "vsix", "crx", "xpi",
            "zip", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "lz", "lz4", "lzma", "zst", "zstd", "br", "7z", "rar", "cab", "z",
            "png", "jpg", "jpeg", "gif", "webp", "avif", "heic", "heif", "jxl",
            "mp3", "m4a", "aac", "ogg", "oga", "opus", "flac",
            "mp4", "m4v", "mov", "webm", "mkv", "avi",
            "woff", "woff2",
            "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"));
    /** The trial's block: the first 64 KiB. */
    static final int TRIAL = 1 << 16;

    private Compression() {}

    /** Compressed already by its extension (case-insensitive): stored without a trial. */
    static boolean byName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 && COMPRESSED.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether deflating the file's first block at the fastest level saves at least 1/16 of it: a cheap trial (about
     * a millisecond) that tells text, class files and uncompressed data from random, encrypted or compressed bytes.
     *
     * @param buffer at least {@link #TRIAL} bytes, overwritten
     * @param deflater reset and used
     */
    static boolean shrinks(Path file, byte[] buffer, Deflater deflater) throws IOException {
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; length < TRIAL && (n = in.read(buffer, length, TRIAL - length)) > 0; ) {
                length += n;
            }
        }
        if (length == 0) {
            return false;
        }
        deflater.reset();
        deflater.setInput(buffer, 0, length);
        deflater.finish();
        byte[] out = new byte[4096];
        long compressed = 0;
        long enough = length - (length >> 4);
        while (!deflater.finished() && compressed < enough) {
            compressed += deflater.deflate(out);
        }
        deflater.reset();
        return compressed < enough;
    }
}
