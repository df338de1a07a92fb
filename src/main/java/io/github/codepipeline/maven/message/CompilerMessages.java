package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
     * kotlin-maven-plugin: {@code file:///x/src/main/kotlin/Cart.kt:12:5 Unresolved reference 'total'.} (Kotlin 2.2,
     * as its exception carries it; seen on 2026-12-04 with kotlin-maven-plugin 2.2.21), the same after {@code e: } as
     * kotlinc prints it, and {@code e: /x/src/main/kotlin/Cart.kt: (12, 5): Unresolved reference: total} (Kotlin 1).
     */
    private static final Pattern KOTLIN = Pattern.compile(
            "^\\s*(?:\\[ERROR\\]\\s*)?(?:e: )?(?:file:/*)?(?:.*[/\\\\])?([^/\\\\\\s]+\\.kts?)(?::(\\d+):(\\d+)|: \\((\\d+), (\\d+)\\):?) (.*)$");

    private CompilerMessages() {}

    /**
     * Adds the errors of {@code text} to {@code errors}, first seen first, until it holds {@link #MAX_DISTINCT}: each
     * as its file's directory (as the compiler gave it), its file's name and the rest.
     */
    private static void addErrors(Map<String, String[]> errors, String text) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length && errors.size() < MAX_DISTINCT; i++) {
            Matcher m = JAVAC.matcher(lines[i]);
            if (!m.matches()) {
                String other = groovyOrKotlin(lines[i]);
                if (other != null) {
                    errors.putIfAbsent(other, new String[] {"", "", other});
                }
                continue;
            }
            String directory = lines[i].substring(0, m.start(1)).replaceFirst("^\\s*(?:\\[(?:ERROR|WARNING)\\]\\s*)?", "");
            StringBuilder error = new StringBuilder(":[").append(m.group(2)).append(',')
                    .append(m.group(3)).append("] ").append(m.group(4).trim());
            // javac's indented continuation lines ("symbol: class Foo", "location: ...") say what is missing.
            for (int j = i + 1; j < lines.length && j <= i + 3; j++) {
                String next = lines[j];
                if (next.isEmpty() || !Character.isWhitespace(next.charAt(0)) || JAVAC.matcher(next).matches()) {
                    break;
                }
                error.append("; ").append(next.trim().replaceAll("\\s+", " "));
            }
            errors.putIfAbsent(directory + m.group(1) + error, new String[] {directory, m.group(1), error.toString()});
        }
    }

    /**
     * {@code src/main/java/com/example/impl/} of {@code /home/ci/work/shop/src/main/java/com/example/impl/}: the part
     * from the module's {@code src} folder on, else the last folder; never the machine's directories.
     */
    static String relative(String directory) {
        String path = directory.replace('\\', '/');
        int src = path.lastIndexOf("/src/");
        if (src >= 0) {
            return path.substring(src + 1);
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 ? path : trimmed.substring(slash + 1) + "/";
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

    /**
     * The errors of all texts, first seen first, each as {@code File.java:[line,col] message}; where one file name
     * stands for files of different folders, those files are named from the module's {@code src} folder on.
     */
    static List<String> errors(List<String> texts) {
        Map<String, String[]> found = new LinkedHashMap<>();
        for (String text : texts) {
            if (found.size() >= MAX_DISTINCT) {
                break;
            }
            addErrors(found, text);
        }
        Map<String, Set<String>> directoriesOfName = new HashMap<>();
        for (String[] error : found.values()) {
            directoriesOfName.computeIfAbsent(error[1], n -> new HashSet<>()).add(error[0]);
        }
        Set<String> errors = new LinkedHashSet<>();
        for (String[] error : found.values()) {
            boolean ambiguous = !error[1].isEmpty() && directoriesOfName.get(error[1]).size() > 1;
            errors.add((ambiguous ? relative(error[0]) : "") + error[1] + error[2]);
        }
        return new ArrayList<>(errors);
    }
}
