package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a text fit for the message: cleaned ({@link Text#clean}: no ANSI codes or control characters) and redacted
 * (the build's secrets masked), and of a huge text only the first {@value #MAX_TEXT} characters.
 */
final class Cleaner {
    /** How much of one exception message or long message is looked at. */
    static final int MAX_TEXT = 64 * 1024;
    /** Read past {@link #MAX_TEXT} before redacting, so that a secret across the cut is still masked whole. */
    private static final int REDACTION_MARGIN = 16 * 1024;

    private final Secrets secrets;

    Cleaner(Secrets secrets) {
        this.secrets = secrets;
    }

    /** Cleaned and redacted; of a huge text only the first {@value #MAX_TEXT} characters. */
    String clean(String text) {
        boolean cut = text != null && text.length() > MAX_TEXT + REDACTION_MARGIN;
        if (cut) {
            text = text.substring(0, MAX_TEXT + REDACTION_MARGIN);
        }
        String cleaned = cut ? secrets.redactStart(Text.clean(text)) : secrets.redact(Text.clean(text));
        return cleaned.length() > MAX_TEXT ? cleaned.substring(0, MAX_TEXT) : cleaned;
    }

    /** Each line as {@link #clean(String)} gives it. */
    List<String> clean(List<String> lines) {
        List<String> cleaned = new ArrayList<>(lines.size());
        for (String line : lines) {
            cleaned.add(clean(line));
        }
        return cleaned;
    }

    /** Cleaned and redacted whole, however long: a message given verbatim, which is cut once it is fitted. */
    String cleanWhole(String text) {
        return secrets.redact(Text.clean(text));
    }
}
