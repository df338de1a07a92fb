package io.github.codepipeline.maven.client;

import io.github.codepipeline.maven.config.Setting;
import io.github.codepipeline.maven.config.SettingSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The job file ({@code CODEPIPELINE_JOB_FILE}): what the job worker knows of a job, written into the job's workspace
 * (mode {@code 600}) before the build starts, so that {@code upload-output}, {@code download-input} and
 * {@code job-details} in a build under the worker need no {@code GetJobDetails} (the build holds neither AWS keys nor
 * the client token). A {@link Properties} file (ISO 8859-1 with {@code \\u} escapes, so any value survives):
 * <pre>
 * version=1
 * jobId=..., owner=Custom|ThirdParty, encryptionKeyId=... (none: S3's default KMS key)
 * credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken   (job-scoped, for the artifact store)
 * input.N.name, input.N.bucket, input.N.objectKey, input.N.revision                N = 0, 1, ...
 * output.N.name, output.N.bucket, output.N.objectKey
 * detail.codepipeline.job.*                                                         what job-details sets
 * </pre>
 */
public final class JobFile {
    public static final String VERSION = "1";
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final String DETAIL = "detail.";

    private JobFile() {}

    /** The file {@code CODEPIPELINE_JOB_FILE} (or {@code -Dcodepipeline.jobFile}) names, or {@code null}. */
    public static Path file(SettingSources sources) {
        String name = sources.get(Setting.JOB_FILE);
        try {
            return name == null || name.isEmpty() ? null : Paths.get(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes {@code details} of job {@code jobId} to {@code file}, a new file of mode 600 (where POSIX). */
    public static void write(Path file, String jobId, String owner, JobDetails details) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", VERSION);
        p.setProperty("jobId", jobId);
        p.setProperty("owner", owner);
        putIfSet(p, "encryptionKeyId", details.encryptionKeyId());
        String[] keys = details.artifactCredentials();
        if (keys != null) {
            putIfSet(p, "credentials.accessKeyId", keys[0]);
            putIfSet(p, "credentials.secretAccessKey", keys[1]);
            putIfSet(p, "credentials.sessionToken", keys[2]);
        }
        artifacts(p, "input.", details.inputArtifacts());
        artifacts(p, "output.", details.outputArtifacts());
        for (Map.Entry<String, String> each : details.properties().entrySet()) {
            p.setProperty(DETAIL + each.getKey(), each.getValue());
        }
        try (OutputStream out = create(file)) {
            p.store(out, null); // to a stream: ISO 8859-1, every other character and every line end escaped
        }
    }

    private static OutputStream create(Path file) throws IOException {
        try {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("the job file already exists");
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static void artifacts(Properties p, String prefix, List<ArtifactLocation> artifacts) {
        for (int i = 0; i < artifacts.size(); i++) {
            ArtifactLocation each = artifacts.get(i);
            putIfSet(p, prefix + i + ".name", each.name());
            putIfSet(p, prefix + i + ".bucket", each.bucket());
            putIfSet(p, prefix + i + ".objectKey", each.objectKey());
            putIfSet(p, prefix + i + ".revision", each.revision());
        }
    }

    private static void putIfSet(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    /**
     * Reads the job file for job {@code jobId}.
     *
     * @throws ReportException (one line) when it is unreadable, of another version, or for another job
     */
    public static JobDetails read(Path file, String jobId) throws ReportException {
        Properties p = new Properties();
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw problem("is not a plain file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw problem("is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            byte[] bytes = Files.readAllBytes(file);
            try (InputStream in = new ByteArrayInputStream(bytes)) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw problem("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!VERSION.equals(p.getProperty("version"))) {
            throw problem("has version " + p.getProperty("version") + ", not " + VERSION
                    + " (written by a job worker of another version of the plugin?)");
        }
        if (jobId != null && !jobId.equals(p.getProperty("jobId"))) {
            throw problem("is for another job than " + jobId);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(DETAIL)) {
                properties.put(key.substring(DETAIL.length()), p.getProperty(key));
            }
        }
        String[] keys = p.getProperty("credentials.accessKeyId") == null ? null : new String[] {
            p.getProperty("credentials.accessKeyId"), p.getProperty("credentials.secretAccessKey"),
            p.getProperty("credentials.sessionToken")};
        return new JobDetails(sorted(properties), artifacts(p, "input."), artifacts(p, "output."),
                p.getProperty("encryptionKeyId"), keys);
    }

    /** In the order {@link JobDetails#properties()} documents is lost in a {@link Properties}: by name instead. */
    private static Map<String, String> sorted(Map<String, String> properties) {
        return new LinkedHashMap<>(new TreeMap<>(properties));
    }

    private static List<ArtifactLocation> artifacts(Properties p, String prefix) {
        List<ArtifactLocation> list = new ArrayList<>();
        for (int i = 0; p.getProperty(prefix + i + ".name") != null; i++) {
            list.add(new ArtifactLocation(p.getProperty(prefix + i + ".name"), p.getProperty(prefix + i + ".bucket"),
                    p.getProperty(prefix + i + ".objectKey"), p.getProperty(prefix + i + ".revision")));
        }
        return list;
    }

    private static ReportException problem(String what) {
        // No path in the message: it may become part of the failure reported to CodePipeline.
        return new ReportException("The job worker's job file (" + Setting.JOB_FILE.environment().get(0) + ") "
                + what + ": the job's details cannot be read without it in a build under the job worker, which holds no"
                + " AWS keys or client token.", false);
    }
}
