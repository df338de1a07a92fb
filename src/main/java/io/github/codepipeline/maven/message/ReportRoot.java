package io.github.codepipeline.maven.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts on a report's root element, read from the file's first {@value #HEAD} bytes without an XML parser:
 * for the thousands of passing reports of a big build, creating a parser for each would cost most of the time.
 * {@code null} when the root is not simply there (a DTD, a root past the first bytes, another encoding): then
 * the parser reads the file.
 */
final class ReportRoot {
    static final int HEAD = 4096;
    private static final Pattern COUNT = Pattern.compile("\\s(tests|failures|errors)\\s*=\\s*(?:\"(\\d{1,9})\"|'(\\d{1,9})')");

    int tests = -1;
    int failures = -1;
    int errors = -1;

    /** failures + errors, or -1 when the root does not say. */
    int failing() {
        return failures < 0 || errors < 0 ? -1 : failures + errors;
    }

    static ReportRoot of(Path file) {
        byte[] head = new byte[HEAD];
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; length < head.length && (n = in.read(head, length, head.length - length)) > 0; ) {
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        // The bytes as Latin-1: the markup and digits are ASCII in UTF-8, which is all that is looked at here.
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        int at = text.startsWith("\u00EF\u00BB\u00BF") ? 3 : 0; // UTF-8's byte order mark
        while (true) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (text.startsWith("<?", at)) {
                at = text.indexOf("?>", at);
            } else if (text.startsWith("<!--", at)) {
                at = text.indexOf("-->", at);
            } else {
                break;
            }
            if (at < 0) {
                return null;
            }
            at += 2;
        }
        if (!text.startsWith("<", at) || at + 1 >= text.length() || !Character.isLetter(text.charAt(at + 1))) {
            return null; // a DTD, text, another encoding, or nothing
        }
        int end = at;
        for (char quote = 0; ++end < text.length(); ) {
            char c = text.charAt(end);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (end >= text.length()) {
            return null; // the root's start tag goes on past the head
        }
        ReportRoot root = new ReportRoot();
        Matcher m = COUNT.matcher(text.substring(at, end));
        while (m.find()) {
            int value = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(3));
            if ("tests".equals(m.group(1))) {
                root.tests = value;
            } else if ("failures".equals(m.group(1))) {
                root.failures = value;
            } else {
                root.errors = value;
            }
        }
        return root;
    }
}
