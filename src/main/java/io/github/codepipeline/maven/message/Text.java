package io.github.codepipeline.maven.message;

import java.util.regex.Pattern;

/** Text hygiene for messages that end up in the CodePipeline console. */
public final class Text {
    /**
     * ANSI/VT100 escape sequences: CSI (colours, cursor), OSC (titles, links), and the other escapes (ESC,
     * intermediate bytes, one final byte: {@code ESC 7}, {@code ESC ( B}, ...). An OSC's text is bounded, so that
     * many unterminated ones cost linear time, not quadratic.
     */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]{0,2048}(?:\u0007|\u001B\\\\)|\u001B[ -/]*[0-~]");
    /** Control characters but LF and tab, Unicode line separators, and lone surrogates (which no encoder can send). */
    private static final Pattern OTHER_CONTROLS = Pattern.compile("[\\p{Cc}&&[^\n\t]]|[\u2028\u2029\u0085]|\\p{Cs}");
    public static final String ELLIPSIS = "\u2026";

    private Text() {}

    /** Removes ANSI codes, control characters and lone surrogates, turns CR LF and CR into LF, tabs into spaces. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String s = ANSI.matcher(text).replaceAll("");
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        s = OTHER_CONTROLS.matcher(s).replaceAll("");
        return s.replace('\t', ' ');
    }

    /** The first non-blank line, trimmed, or "" when there is none. */
    public static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\n")) {
            if (!line.trim().isEmpty()) {
                return line.trim();
            }
        }
        return "";
    }

    /**
     * Cuts {@code text} to at most {@code max} UTF-16 units, ending in an ellipsis when cut. Never splits a
     * surrogate pair. Lengths here are UTF-16 units, which is never less than the Unicode characters the
     * service counts: the margin for characters outside the BMP.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        int end = max - ELLIPSIS.length();
        if (end <= 0) {
            return ELLIPSIS.substring(0, max);
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    /**
     * Like {@link #truncate}, but cuts after a whole word when there is a space in the last third of the room (at
     * most 80 characters back): {@code "cannot find symbol; symbol: cl…"} becomes {@code "cannot find symbol;…"}.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max || max <= ELLIPSIS.length()) {
            return truncate(text, max);
        }
        int end = max - ELLIPSIS.length();
        int floor = end - Math.min(80, end / 3);
        for (int i = end; i > floor && i > 0; i--) {
            if (text.charAt(i) == ' ') {
                int keep = i;
                while (keep > 0 && text.charAt(keep - 1) == ' ') {
                    keep--;
                }
                if (keep > 0) {
                    return text.substring(0, keep) + ELLIPSIS;
                }
            }
        }
        return truncate(text, max);
    }
}
