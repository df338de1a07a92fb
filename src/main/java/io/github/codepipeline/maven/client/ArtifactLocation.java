package io.github.codepipeline.maven.client;

/** One input or output artifact of a job: its name, where it lies in the pipeline's artifact store, its revision. */
public final class ArtifactLocation {
    private final String name;
    private final String bucket;
    private final String objectKey;
    private final String revision;

    public ArtifactLocation(String name, String bucket, String objectKey, String revision) {
        this.name = name;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.revision = revision;
    }

    public String name() {
        return name;
    }

    public String bucket() {
        return bucket;
    }

    public String objectKey() {
        return objectKey;
    }

    /** The artifact's revision (for a source artifact, the commit), or {@code null}. */
    public String revision() {
        return revision;
    }

    /** Whether CodePipeline gave an S3 location for it. */
    public boolean hasLocation() {
        return bucket != null && objectKey != null;
    }

    /** {@code s3://bucket/key}. */
    public String url() {
        return "s3://" + bucket + "/" + objectKey;
    }

    @Override
    public String toString() {
        return name + " (" + url() + ")";
    }
}
