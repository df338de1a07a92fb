package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiler errors in a failed goal's text, as {@code File.java:[line,col] message; symbol: …}: javac's (through
 * maven-compiler-plugin), and the same shape from other compilers' output. Paths are left out: the file's name
 * says where.
 */
final class CompilerMessages {
    /** At most this many distinct errors are kept: enough to show the first and count the rest. */
    static final int MAX_DISTINCT = 1000;
    private static final Pattern JAVAC = Pattern.compile(
            "^\\s*(?:\\[(?:ERROR|WARNING)\\]\\s*)?(?:.*[/\\\\])?([^/\\\\\\s]+\\.(?:java|kt|groovy|scala)):\\[(\\d+),(\\d+)\\]\\s*(.*)$");

    private CompilerMessages() {}

    /** Adds the errors of {@code text} to {@code errors}, first seen first, until it holds {@link #MAX_DISTINCT}. */
    static void addErrors(Set<String> errors, String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length && errors.size() < MAX_DISTINCT; i++) {
            Matcher m = JAVAC.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            StringBuilder error = new StringBuilder(m.group(1)).append(":[").append(m.group(2)).append(',')
                    .append(m.group(3)).append("] ").append(m.group(4).trim());
            // javac's indented continuation lines ("symbol: class Foo", "location: ...") say what is missing.
            for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
                String next = lines[j];
                if (next.isEmpty() || !Character.isWhitespace(next.charAt(0)) || JAVAC.matcher(next).matches()) {
                    break;
                }
                error.append("; ").append(next.trim().replaceAll("\\s+", " "));
            }
            errors.add(error.toString());
        }
    }

    static List<String> errors(List<String> texts) {
        Set<String> errors = new LinkedHashSet<>();
        for (String text : texts) {
            if (errors.size() >= MAX_DISTINCT) {
                break;
            }
            addErrors(errors, text);
        }
        return new ArrayList<>(errors);
    }
}
