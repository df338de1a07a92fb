package io.github.codepipeline.maven.artifact;

import java.security.SecureRandom;

/** Entry names as they may be shown in one log line, and as they are compared. */
public final class EntryNames {
    /** Longer names (and paths) are cut in messages: a name may be 65,535 bytes long. */
    static final int SHOWN = 300;

    private EntryNames() {}

    /**
     * {@code name} safe for one log line: control characters (newlines, NUL, escape sequences' ESC...), Unicode line
     * separators and lone surrogates as {@code \n}, {@code \0}, {@code \x1b}, {@code \u2028}; a backslash doubled;
     * cut after {@value #SHOWN} characters. A hostile name cannot print a line of its own.
     */
    public static String shown(String name) {
        StringBuilder sb = new StringBuilder();
        int length = Math.min(name.length(), SHOWN);
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == 0) {
                sb.append("\\0");
            } else if (c < 0x20 || c >= 0x7f && c < 0xa0) {
                sb.append(String.format("\\x%02x", (int) c));
            } else if (c == '\u2028' || c == '\u2029' || Character.isSurrogate(c) && !pair(name, i)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (name.length() > SHOWN) {
            sb.append("\u2026 (").append(name.length()).append(" characters)");
        }
        return sb.toString();
    }

    private static boolean pair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * A random starting state for {@link #hash}, new for each archive checked: the hashes of names cannot be
     * predicted, so an archive cannot be crafted whose names collide (a collision would let a name pass for another
     * one already checked).
     */
    static long seed() {
        return new SecureRandom().nextLong();
    }

    /**
     * Extends a 64-bit FNV-1a hash {@code h} (started from {@link #seed()}) with {@code s}'s characters from
     * {@code from} to {@code end}: a name's prefixes are hashed one after the other in one pass over the name.
     */
    static long hash(long h, CharSequence s, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            h = (h ^ (c & 0xFF)) * 0x100000001b3L;
            h = (h ^ (c >>> 8)) * 0x100000001b3L;
        }
        return h;
    }
}
