package io.github.codepipeline.maven.artifact;

import java.util.regex.Pattern;

/**
 * An Ant-style path pattern, as Maven users write them in {@code <includes>}: {@code *} matches within one folder
 * level, {@code ?} one character, {@code **} any number of folder levels (none included: {@code **}{@code /*.jar}
 * matches {@code a.jar}), and a pattern ending in {@code /} means everything below that folder. Paths use
 * {@code /}; a {@code \} in a pattern is read as {@code /}.
 */
final class AntPattern {
    private final String text;
    private final Pattern regex;

    AntPattern(String text) {
        this.text = text;
        String normalized = text.trim().replace('\\', '/');
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.endsWith("/")) {
            normalized += "**";
        }
        String[] segments = normalized.split("/+", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            String segment = segments[i];
            if (segment.equals("**")) {
                sb.append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            for (char c : segment.toCharArray()) {
                if (c == '*') {
                    sb.append("[^/]*");
                } else if (c == '?') {
                    sb.append("[^/]");
                } else {
                    sb.append(Pattern.quote(String.valueOf(c)));
                }
            }
            if (!last) {
                sb.append('/');
            }
        }
        this.regex = Pattern.compile(sb.toString());
    }

    /** @param path a relative path with {@code /} between its names */
    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
