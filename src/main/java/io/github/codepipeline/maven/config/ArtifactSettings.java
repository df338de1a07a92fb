package io.github.codepipeline.maven.config;

import java.net.URI;

/**
 * The settings of {@code upload-output} and {@code download-input} beyond the job's ({@link ReportSettings}): the S3
 * endpoint, which artifact, whether to overwrite, the zip bomb bound. Paths and patterns are left to the goals, which
 * resolve them against the module.
 */
public final class ArtifactSettings {
    public static final int DEFAULT_MAX_INPUT_SIZE_MB = 4096;
    public static final int MAX_MAX_INPUT_SIZE_MB = 1024 * 1024;
    public static final int DEFAULT_UPLOAD_CONCURRENCY = 4;
    public static final int MAX_UPLOAD_CONCURRENCY = 32;

    /** What {@code upload-output} writes: {@code codepipeline.outputFormat}. */
    public enum OutputFormat {
        ZIP("zip", ".zip", "application/zip"),
        TAR("tar", ".tar", "application/x-tar"),
        TGZ("tgz", ".tar.gz", "application/gzip");

        private final String value;
        private final String extension;
        private final String contentType;

        OutputFormat(String value, String extension, String contentType) {
            this.value = value;
            this.extension = extension;
            this.contentType = contentType;
        }

        /** As it is set: {@code zip}, {@code tar}, {@code tgz}. */
        public String value() {
            return value;
        }

        /** {@code .tar.gz}: for the spool file's name. */
        public String extension() {
            return extension;
        }

        /** The object's Content-Type in S3. */
        public String contentType() {
            return contentType;
        }

        static OutputFormat parse(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            for (OutputFormat format : values()) {
                if (format.value.equals(v)) {
                    return format;
                }
            }
            return v.equals("tar.gz") ? TGZ : null;
        }
    }

    private final URI s3Endpoint;
    private final String outputArtifact;
    private final String inputArtifact;
    private final boolean overwrite;
    private final long maxInputBytes;
    private final boolean followLinks;
    private final int uploadConcurrency;
    private final OutputFormat outputFormat;

    private ArtifactSettings(URI s3Endpoint, String outputArtifact, String inputArtifact, boolean overwrite,
            long maxInputBytes, boolean followLinks, int uploadConcurrency, OutputFormat outputFormat) {
        this.s3Endpoint = s3Endpoint;
        this.outputArtifact = outputArtifact;
        this.inputArtifact = inputArtifact;
        this.overwrite = overwrite;
        this.maxInputBytes = maxInputBytes;
        this.followLinks = followLinks;
        this.uploadConcurrency = uploadConcurrency;
        this.outputFormat = outputFormat;
    }

    public static ArtifactSettings resolve(SettingSources sources) throws InvalidSettingException {
        SettingSources.Value endpoint = sources.lookup(Setting.S3_ENDPOINT);
        URI s3Endpoint = endpoint == null ? null : ReportSettings.parseEndpoint(Setting.S3_ENDPOINT, endpoint,
                ". Use an http(s) URL such as http://127.0.0.1:9000 for an S3-compatible store, or unset it to use AWS's S3");
        boolean overwrite = ReportSettings.parseBoolean(sources, Setting.OVERWRITE, false);
        int maxInputMb = ReportSettings.parseInt(sources, Setting.MAX_INPUT_SIZE, DEFAULT_MAX_INPUT_SIZE_MB, 1,
                MAX_MAX_INPUT_SIZE_MB);
        int uploadConcurrency = ReportSettings.parseInt(sources, Setting.UPLOAD_CONCURRENCY, DEFAULT_UPLOAD_CONCURRENCY, 1,
                MAX_UPLOAD_CONCURRENCY);
        OutputFormat outputFormat = OutputFormat.ZIP;
        SettingSources.Value format = sources.lookup(Setting.OUTPUT_FORMAT);
        if (format != null) {
            outputFormat = OutputFormat.parse(format.value());
            if (outputFormat == null) {
                throw ReportSettings.invalid(Setting.OUTPUT_FORMAT, format, "is '" + ReportSettings.shown(format.value())
                        + "'. Use zip (the default), tar or tgz");
            }
        }
        return new ArtifactSettings(s3Endpoint, sources.get(Setting.OUTPUT_ARTIFACT), sources.get(Setting.INPUT_ARTIFACT),
                overwrite, maxInputMb * 1024L * 1024L, ReportSettings.parseBoolean(sources, Setting.FOLLOW_LINKS, false),
                uploadConcurrency, outputFormat);
    }

    /** The S3 endpoint override, or {@code null} for AWS's S3 in the pipeline's region. */
    public URI s3Endpoint() {
        return s3Endpoint;
    }

    /** {@code codepipeline.outputArtifact}, or {@code null}: the job's only output artifact. */
    public String outputArtifact() {
        return outputArtifact;
    }

    /** {@code codepipeline.inputArtifact}, or {@code null}: every input artifact. */
    public String inputArtifact() {
        return inputArtifact;
    }

    public boolean overwrite() {
        return overwrite;
    }

    /** {@code codepipeline.maxInputSize} in bytes: the most an input artifact may expand to. */
    public long maxInputBytes() {
        return maxInputBytes;
    }

    /** {@code codepipeline.followLinks}: upload what links that lead out of the module point to. */
    public boolean followLinks() {
        return followLinks;
    }

    /** {@code codepipeline.outputFormat}: zip (the default), tar or tgz. */
    public OutputFormat outputFormat() {
        return outputFormat;
    }

    /** {@code codepipeline.uploadConcurrency}: how many parts of an output are sent at a time. */
    public int uploadConcurrency() {
        return uploadConcurrency;
    }

    @Override
    public String toString() {
        return "ArtifactSettings{s3Endpoint=" + s3Endpoint + ", outputArtifact=" + outputArtifact + ", inputArtifact="
                + inputArtifact + ", overwrite=" + overwrite + ", maxInputBytes=" + maxInputBytes + ", followLinks=" + followLinks
                + ", uploadConcurrency=" + uploadConcurrency + ", outputFormat=" + outputFormat.value() + "}";
    }
}
