package io.github.codepipeline.maven.artifact;

/** An artifact could not be made or unpacked. The message is one line that says what is wrong and what to do. */
public final class ArtifactException extends Exception {
    private static final long serialVersionUID = 1L;

    public ArtifactException(String message) {
        super(message);
    }
}
