package io.github.codepipeline.maven.client;

import org.slf4j.LoggerFactory;

/**
 * Keeps the AWS SDK's own debug output out of Maven's log. With {@code mvn -X} Maven prints every logger's DEBUG
 * lines, and the SDK's request signer logs each canonical request with its header values: with temporary
 * credentials, that includes the session token ({@code x-amz-security-token}).
 *
 * <p>Maven silences Apache HttpClient's wire log the same way (MNG-6181): a level for the logger's name in its
 * logging configuration, which Maven's logger reads from the system properties when a logger is created. So the
 * level of {@code software.amazon.awssdk} is set to INFO, for Maven 3 ({@code org.slf4j.simpleLogger.log.*}) and
 * Maven 4 ({@code maven.logger.log.*}), before the SDK creates its loggers; unless the user set a level for it.
 */
public final class SdkLogging {
    /**
     * Not a compile-time constant on purpose: the shade plugin relocates the SDK, and rewrites this literal to the
     * relocated package, but only where the literal stands alone, not inside a message javac folded it into.
     */
    public static final String SDK_LOGGER = String.valueOf("software.amazon.awssdk");
    /** The logger that prints canonical requests, checked after the fact. */
    static final String SIGNER_LOGGER = "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner";
    private static final String[] LEVEL_PROPERTY_PREFIXES = {"org.slf4j.simpleLogger.log.", "maven.logger.log."};

    private SdkLogging() {}

    /**
     * Turns the SDK's debug output off unless the user configured it; call before the SDK is used.
     *
     * @return {@code false} when the SDK's debug output is still on: the user asked for it, or the logging backend
     *     ignores Maven's logging properties (for example, a custom one installed as a core extension)
     */
    public static synchronized boolean quiet() {
        boolean userChoice = false;
        for (String prefix : LEVEL_PROPERTY_PREFIXES) {
            userChoice |= System.getProperty(prefix + SDK_LOGGER) != null;
        }
        if (!userChoice) {
            for (String prefix : LEVEL_PROPERTY_PREFIXES) {
                System.setProperty(prefix + SDK_LOGGER, "info");
            }
        }
        return !LoggerFactory.getLogger(SIGNER_LOGGER).isDebugEnabled();
    }
}
