package io.github.codepipeline.maven.message;

import java.util.regex.Pattern;

/**
 * Lines of a goal's text that are for machines, never for the message: stack frames ({@code at
 * org.apache.maven.plugin.surefire.booterclient.ForkStarter.fork(ForkStarter.java:643)}, {@code ... 30 more}) of
 * Maven, Plexus, the JDK or a plugin's own code, which some plugins put into their exception's text, and the
 * command line of a forked process ({@code Command was /bin/sh -c cd '/home/ci/shop' && java '-jar' …}), which holds
 * the machine's paths and, in its arguments, what a build may pass as a secret.
 */
final class MachineLines {
    private static final Pattern FRAME = Pattern.compile(
            "^at\\s+(?:[\\w$.-]+/)*[\\p{L}_$][\\p{L}\\p{N}_$.]*\\.[\\p{L}_$<][\\p{L}\\p{N}_$<>]*\\([^()]*\\)$|^\\.\\.\\. \\d+ more$");
    private static final Pattern COMMAND = Pattern.compile("^(?:Command was|Command line was|Forked command:?)\\s.*");

    private MachineLines() {}

    /** Whether the trimmed {@code line} is a stack frame or a forked process's command line. */
    static boolean matches(String line) {
        return FRAME.matcher(line).matches() || COMMAND.matcher(line).matches();
    }
}
