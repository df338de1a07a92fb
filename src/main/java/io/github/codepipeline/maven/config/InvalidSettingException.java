package io.github.codepipeline.maven.config;

/** A setting has a value the plugin or the CodePipeline API cannot use. The message is one line: what and how to fix. */
public final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
