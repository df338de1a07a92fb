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

    /** gmavenplus/gmaven: {@code file:/tmp/x/src/test/groovy/CartSpec.groovy: 21: unexpected token: } @ line 21, column 20.} */
    private static final Pattern GROOVY = Pattern.compile(
            "^\\s*(?:\\[ERROR\\]\\s*)?(?:file:)?(?:.*[/\\\\])?([^/\\\\\\s]+\\.(?:groovy|gvy|java)): (\\d+): (.*?)\\s*@ line (\\d+), column (\\d+)\\.?\\s*$");
    /**
     * kotlin-maven-plugin: {@code e: file:///x/src/main/kotlin/Cart.kt:12:5 Unresolved reference 'total'.} (Kotlin 2)
     * and {@code e: /x/src/main/kotlin/Cart.kt: (12, 5): Unresolved reference: total} (Kotlin 1).
     */
    private static final Pattern KOTLIN = Pattern.compile(
            "^\\s*(?:\\[ERROR\\]\\s*)?e: (?:file:/*)?(?:.*[/\\\\])?([^/\\\\\\s]+\\.kts?)(?::(\\d+):(\\d+)|: \\((\\d+), (\\d+)\\):?) (.*)$");

    private CompilerMessages() {}

    /** Adds the errors of {@code text} to {@code errors}, first seen first, until it holds {@link #MAX_DISTINCT}. */
    static void addErrors(Set<String> errors, String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length && errors.size() < MAX_DISTINCT; i++) {
            Matcher m = JAVAC.matcher(lines[i]);
            if (!m.matches()) {
                String other = groovyOrKotlin(lines[i]);
                if (other != null) {
                    errors.add(other);
                }
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

    /** A Groovy or Kotlin compiler's error as {@code File:[line,col] message}, or {@code null}. */
    static String groovyOrKotlin(String line) {
        Matcher groovy = GROOVY.matcher(line);
        if (groovy.matches()) {
            return groovy.group(1) + ":[" + groovy.group(4) + "," + groovy.group(5) + "] " + groovy.group(3).trim();
        }
        Matcher kotlin = KOTLIN.matcher(line);
        if (kotlin.matches()) {
            String row = kotlin.group(2) != null ? kotlin.group(2) : kotlin.group(4);
            String column = kotlin.group(3) != null ? kotlin.group(3) : kotlin.group(5);
            return kotlin.group(1) + ":[" + row + "," + column + "] " + kotlin.group(6).trim();
        }
        return null;
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
