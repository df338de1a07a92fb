package io.github.codepipeline.maven.message;

import java.util.regex.Pattern;

/**
 * The dump of a plugin's class realm that Maven appends to a class-loading error ({@code realm =    plugin>…},
 * {@code strategy = …}, {@code urls[0] = file:/…/x.jar}, {@code Number of foreign imports: 1},
 * {@code import: Entry[…]}): the build machine's class path, dozens of lines that say nothing of what failed. The
 * error's own headline says it (the class file versions, the missing class).
 */
final class ClassRealmDump {
    private static final Pattern DUMP_LINE = Pattern.compile(
            "^(?:realm\\s*=.*|strategy\\s*=.*|urls\\[\\d+\\]\\s*=.*|Number of foreign imports:.*|import:\\s*Entry\\[.*"
                    + "|-{5,})$");

    private ClassRealmDump() {}

    /** Whether {@code line} (trimmed) is a line of a class realm dump. */
    static boolean isDumpLine(String line) {
        return DUMP_LINE.matcher(line).matches();
    }
}
