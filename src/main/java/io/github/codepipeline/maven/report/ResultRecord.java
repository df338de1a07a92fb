package io.github.codepipeline.maven.report;

import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The result file ({@code CODEPIPELINE_RESULT_FILE}) through which a build run by the job worker
 * ({@code mvn codepipeline:work}) hands its result to the worker, which checks it and makes the one call to CodePipeline.
 * UTF-8, append-only, LF line ends. The first line is {@value #HEADER}; each further line is one record, its fields
 * separated by TAB, with {@code \} written {@code \\}, TAB {@code \t}, LF {@code \n} and CR {@code \r} in every field:
 * <ul>
 * <li>{@code output} TAB artifactName: an output artifact the build uploaded;
 * <li>{@code variable} TAB name TAB value: an output variable of the success that follows;
 * <li>{@code success} TAB jobId TAB summary TAB externalExecutionId TAB percentComplete TAB continuationToken;
 * <li>{@code failure} TAB jobId TAB failureType TAB message TAB externalExecutionId.
 * </ul>
 * An empty field means "not given". Writers append whole lines under a file lock, the header first into an empty file,
 * so that parallel modules and a build killed mid-way leave whole lines; a reader ignores a last line without its LF.
 */
public final class ResultRecord {
    public static final String HEADER = "codepipeline-result 2";
    public static final String OUTPUT = "output";
    public static final String VARIABLE = "variable";
    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
    /** What a reader reads at most: the records a build of ours writes are far smaller (output variables: 120 KB). */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    /**
     * How many records a reader keeps at most: each costs far more memory than its bytes (a file of 2 million
     * one-letter lines held 250 MB), and a build of ours writes one result, its outputs and at most some 60,000 output
     * variables (122,880 bytes in all).
     */
    public static final int MAX_ENTRIES = 65_536;

    private static final Object WRITING = new Object();

    private ResultRecord() {}

    /** One record: its kind and its fields, unescaped ({@code ""} for a field not given). */
    public static final class Entry {
        public final String kind;
        private final List<String> fields;

        Entry(String kind, List<String> fields) {
            this.kind = kind;
            this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        }

        /** Field {@code i} (1 is the first after the kind), {@code null} when empty or missing. */
        public String field(int i) {
            return i < 1 || i > fields.size() ? null : fields.get(i - 1).isEmpty() ? null : fields.get(i - 1);
        }

        public int fieldCount() {
            return fields.size();
        }

        @Override
        public String toString() {
            return kind + fields;
        }
    }

    /** What a file holds: its records, and what was wrong with it (each a short sentence, no content of the file). */
    public static final class Contents {
        public final List<Entry> entries;
        public final List<String> problems;

        Contents(List<Entry> entries, List<String> problems) {
            this.entries = Collections.unmodifiableList(entries);
            this.problems = Collections.unmodifiableList(problems);
        }
    }

    /** The file {@code CODEPIPELINE_RESULT_FILE} (or {@code -Dcodepipeline.resultFile}) names, or {@code null}. */
    public static Path file(SettingSources sources) {
        String name = sources.get(Setting.RESULT_FILE);
        try {
            return name == null || name.isEmpty() ? null : Paths.get(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code kind} and {@code fields}, escaped and TAB-separated, with its LF. */
    public static String line(String kind, String... fields) {
        StringBuilder line = new StringBuilder(kind);
        for (String field : fields) {
            line.append('\t').append(escape(field));
        }
        return line.append('\n').toString();
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\' || i + 1 == field.length()) {
                out.append(c);
                continue;
            }
            char next = field.charAt(++i);
            out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next);
        }
        return out.toString();
    }

    /**
     * Appends {@code lines} (each from {@link #line}) to {@code file} in one write under a lock, after the header when
     * the file is new or empty. Refuses to write through a symbolic link.
     */
    public static void append(Path file, String... lines) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new IOException("the result file is a symbolic link");
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line);
        }
        // The file lock keeps other processes out; within this JVM (parallel modules) a second lock would throw.
        synchronized (WRITING) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
                    FileLock lock = channel.lock()) {
                String all = (channel.size() == 0 ? HEADER + "\n" : "") + text;
                ByteBuffer bytes = ByteBuffer.wrap(all.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        }
    }

    /** Reads {@code file}: none when it does not exist; at most {@link #MAX_BYTES}, never a whole huge file in memory. */
    public static Contents read(Path file) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new Contents(entries, problems);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.add("the result file is not a plain file; it was not read");
            return new Contents(entries, problems);
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            read(in, entries, problems);
        } catch (IOException | RuntimeException e) {
            problems.add("the result file could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return new Contents(entries, problems);
    }

    static void read(InputStream in, List<Entry> entries, List<String> problems) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        boolean first = true;
        boolean ok = true;
        int lineNumber = 0;
        int n;
        while (ok && (n = in.read(buffer)) > 0) {
            int take = (int) Math.min(n, MAX_BYTES - total);
            total += take;
            int from = 0;
            for (int i = 0; i < take && ok; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                line.write(buffer, from, i - from);
                from = i + 1;
                lineNumber++;
                String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
                line.reset();
                if (first) {
                    first = false;
                    if (!text.equals(HEADER)) {
                        problems.add("the result file does not start with '" + HEADER + "' (a build with another version of"
                                + " the plugin?); it was not read");
                        ok = false;
                    }
                } else if (!text.isEmpty() && entries.size() >= MAX_ENTRIES) {
                    problems.add("the result file holds more than " + MAX_ENTRIES + " records; what follows them was not"
                            + " read");
                    return;
                } else if (!text.isEmpty()) {
                    entries.add(entry(text));
                }
            }
            if (ok) {
                line.write(buffer, from, take - from);
            }
            if (ok && total >= MAX_BYTES) {
                problems.add("the result file is larger than " + MAX_BYTES / (1024 * 1024) + " MB; what follows the first "
                        + MAX_BYTES / (1024 * 1024) + " MB was not read");
                return;
            }
        }
        if (ok && line.size() > 0) {
            problems.add("the result file's last line has no line end (written by a build that was stopped mid-way?); it"
                    + " was not read");
        }
    }

    private static Entry entry(String text) {
        List<String> parts = new ArrayList<>(Arrays.asList(text.split("\t", -1)));
        String kind = parts.remove(0);
        for (int i = 0; i < parts.size(); i++) {
            parts.set(i, unescape(parts.get(i)));
        }
        return new Entry(kind, parts);
    }
}
