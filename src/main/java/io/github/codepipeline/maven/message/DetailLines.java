package io.github.codepipeline.maven.message;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lines of a goal's message as the message shows them: without what tells a console reader nothing (Maven's
 * pointers to its help pages and to files of the build machine, lines of only decoration, the console's severity
 * prefixes) and without the machine's directories; and which of them is the tool's own fix line.
 */
final class DetailLines {
    /** A tool's own line saying how to fix what it found ({@code Run 'mvn spotless:apply' to fix these violations.}). */
    private static final Pattern FIX_LINE = Pattern.compile(
            "(?i)^(?:run|try|use|please run|execute|to fix)\\b.*|.*\\bto fix\\b.*|.*\\bmvn [\\w.-]+:[\\w.-]+.*");
    /** The console's severity prefix, which Maven leaves in some exceptions' text ({@code [ERROR] …}). */
    private static final Pattern SEVERITY = Pattern.compile("^\\[(?:ERROR|FATAL|WARNING|WARN|INFO)\\]\\s*");
    /**
     * Lines of only decoration: rules, carets, box characters. A line with a brace, bracket, parenthesis or semicolon
     * is code ({@code -······}} / {@code +····}} in Spotless's diff of a misplaced brace), not decoration.
     */
    private static final Pattern DECORATION = Pattern.compile("^[^\\p{L}\\p{N}{}()\\[\\];]*$");
    /** A {@code file:} URL's directories ({@code file:///home/ci/shop/src/}): a path of the machine, not a link. */
    private static final Pattern FILE_URL_DIRECTORIES = Pattern.compile(
            "(?i)file:/+(?:[A-Za-z]:/)?(?:[^/\\\\\\s:;,'\"()\\[\\]<>]+/)+");
    /** The directories of an absolute path ({@code /home/ci/work/}, {@code C:\\work\\}), not of a URL. */
    private static final Pattern ABSOLUTE_DIRECTORIES = Pattern.compile(
            "(?<![\\w:/.\\\\-])(?:[A-Za-z]:)?[/\\\\](?:[^/\\\\\\s:;,'\"()\\[\\]<>]+[/\\\\])+");
    /** Lines Maven adds that tell a console reader nothing. */
    static final Pattern NOISE = Pattern.compile(
            "^(Please refer to .*|See .* for the individual test results\\.?|See dump files .*|-> \\[Help \\d+].*"
                    + "|\\[Help \\d+].*|To see the full stack trace.*|Re-run Maven.*|For more information about the errors.*"
                    + "|After correcting the problems.*|mvn <args> -rf .*)$");

    private DetailLines() {}

    /** Whether {@code line} is only decoration (a rule of stars or dashes, carets): no letter, digit or bracket. */
    static boolean isDecoration(String line) {
        return DECORATION.matcher(line).matches();
    }

    /** Whether {@code line} says what to run to fix what the tool found. */
    static boolean isFixLine(String line) {
        return FIX_LINE.matcher(line).matches();
    }

    /** The first line of a goal's message that says something: never Surefire's "Please refer to …" line. */
    static String headline(String text) {
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !NOISE.matcher(trimmed).matches() && !MachineLines.matches(trimmed)) {
                return withoutDirectories(trimmed);
            }
        }
        return text.trim().isEmpty() ? "" : "failed"; // only pointers to files of the build machine
    }

    /**
     * {@code Codec.java: warnings found} of {@code /home/ci/work/src/main/java/Codec.java: warnings found}: the
     * machine's directories say nothing to the reader, the file's name does. {@code file:} URLs lose theirs too; other
     * URLs are left alone.
     */
    static String withoutDirectories(String text) {
        return ABSOLUTE_DIRECTORIES.matcher(FILE_URL_DIRECTORIES.matcher(text).replaceAll("")).replaceAll("");
    }

    static void add(Set<String> lines, String text, String skip) {
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            trimmed = SEVERITY.matcher(trimmed).replaceFirst("");
            if (!trimmed.isEmpty() && !trimmed.equals(skip) && !NOISE.matcher(trimmed).matches()
                    && !DECORATION.matcher(trimmed).matches() && !MachineLines.matches(trimmed)
                    && !ClassRealmDump.isDumpLine(trimmed)) {
                lines.add(withoutDirectories(trimmed));
            }
        }
    }
}
