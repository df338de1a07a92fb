package io.github.codepipeline.maven.worker;

/**
 * How the worker prints what a job carries (its ID, pipeline, stage and action names, a value it refuses): on one line,
 * whatever it holds. Backslash, line ends, tabs and every other control or invisible formatting character are escaped
 * ({@code \n}, {@code \u0000}), so that a job cannot end the worker's line and forge another ({@code [INFO] BUILD
 * SUCCESS}), and long values are cut.
 */
final class Shown {
    static final int MAX = 200;

    private Shown() {}

    static String of(String value) {
        return of(value, MAX);
    }

    /** {@link #of(String)}, cut at {@code max} characters. */
    static String of(String value, int max) {
        if (value == null) {
            return "?";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
        int i = 0;
        for (; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                    || Character.isHighSurrogate(c) && !(i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(value.charAt(i - 1)))) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return i < value.length() ? out.append('\u2026').toString() : out.toString();
    }
}
