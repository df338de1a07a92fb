package io.github.codepipeline.maven.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ERROR and WARNING lines one goal's execution printed, as Maven's console showed them: what a person
 * scrolls the log for when the goal's exception only says "see the log" (Checkstyle's violations, JaCoCo's
 * rules, the warnings {@code -Werror} turned into a failure).
 *
 * <p>Bounded whatever the build logs: at most {@value #MAX_ERROR_CHARS} characters of ERROR lines and
 * {@value #MAX_WARNING_CHARS} of WARNING lines, each line cut at {@value #MAX_LINE}; what does not fit is only
 * counted. Thread-safe: a goal may log from threads of its own.
 */
public final class GoalLines {
    static final int MAX_ERROR_CHARS = 4000;
    static final int MAX_WARNING_CHARS = 2000;
    static final int MAX_LINE = 400;
    /** Lines of one log call after its first (a multi-line message), kept at most. */
    static final int MAX_CONTINUATION = 20;
    /**
     * Below this much room for its level, a line is only counted: a shorter one could still fit, but checking every
     * line of a goal that logs millions of them would cost the build time.
     */
    static final int MIN_ROOM = 40;
    /** How much of one log call is looked at. */
    private static final int MAX_MESSAGE = 16 * 1024;
    /** {@code [ERROR] text}, {@code [WARNING] text}, {@code [WARN] text} once ANSI codes are gone. */
    private static final Pattern LEVEL = Pattern.compile("^\\[(ERROR|WARNING|WARN|FATAL)\\] ?(.*)$", Pattern.DOTALL);
    /** What Maven 4 logs of a plugin's own {@code System.out}/{@code System.err}: not the goal's log. */
    private static final Pattern RAW_STREAM = Pattern.compile("^\\[std(?:out|err)\\] ");
    /** A stack frame or its "... 12 more" of a logged exception: code, not what failed. */
    private static final Pattern FRAME = Pattern.compile("^(?:at |\\.\\.\\. \\d+ more|Caused by: |Suppressed: )");
    /**
     * A line that only says when ({@code Generated at: 2026-12-07T08:58:12Z}, in the banner of Apache RAT 0.18's list
     * of files): it differs on every run and says nothing of what failed.
     */
    private static final Pattern TIMESTAMP_LINE = Pattern.compile("(?i)^[\\p{L} ]{0,40}\\b(?:at|on|date|time):?\\s*"
            + "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(?::\\d\\d(?:[.,]\\d+)?)?(?:Z|[+-]\\d\\d:?\\d\\d)?$");

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    /** The warnings that are a header and what it lists ({@code Files with unapproved licenses: …}), of {@link #warnings}. */
    private final List<String> listings = new ArrayList<>();
    private int errorChars;
    private int warningChars;
    private int omittedErrors;
    private int omittedWarnings;
    private volatile boolean closed;

    /**
     * Takes one log call's text as the console shows it (colours included); keeps it when it is an ERROR or
     * WARNING line. Never throws for any text.
     */
    public void accept(String message) {
        if (closed || message == null) {
            return;
        }
        int body = levelEnd(message);
        if (body < 0) {
            return; // INFO, DEBUG, or no level: most of what a build prints, dropped after a look at its first bytes
        }
        boolean error = message.charAt(levelStart(message)) != 'W';
        synchronized (this) {
            if ((error ? MAX_ERROR_CHARS - errorChars : MAX_WARNING_CHARS - warningChars) < MIN_ROOM) {
                // Full: the line is only counted, without cleaning it (a build may log millions of warnings).
                if (!message.startsWith("[std", body) && !message.trim().endsWith(":")) {
                    if (error) {
                        omittedErrors++;
                    } else {
                        omittedWarnings++;
                    }
                }
                return;
            }
        }
        String text = Text.clean(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        Matcher m = LEVEL.matcher(text);
        if (!m.matches()) {
            return;
        }
        String rest = m.group(2);
        if (RAW_STREAM.matcher(rest).find()) {
            return;
        }
        String[] lines = rest.split("\n", MAX_CONTINUATION + 2);
        String line = joined(lines);
        if (line.isEmpty() || line.endsWith(":")) {
            return; // a header with nothing under it ("COMPILATION ERROR :"): says nothing
        }
        synchronized (this) {
            add(error, Text.cut(line, MAX_LINE), isListing(lines));
        }
    }

    /** Whether one of a log call's lines ends with a colon and others follow it: a header and what it lists. */
    private static boolean isListing(String[] lines) {
        boolean header = false;
        for (int i = 0; i < lines.length && i <= MAX_CONTINUATION; i++) {
            String line = lines[i].trim();
            if (header && !line.isEmpty()) {
                return true;
            }
            header |= line.endsWith(":");
        }
        return false;
    }

    /**
     * One log call's lines as one detail: {@code found raw type: List; missing type arguments…}, and after a line
     * that ends with a colon, what it introduces ({@code Files with unapproved licenses: Unlicensed.java}).
     */
    private static String joined(String[] lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length && i <= MAX_CONTINUATION && sb.length() <= MAX_LINE; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || FRAME.matcher(line).find() || DetailLines.isDecoration(line)
                    || TIMESTAMP_LINE.matcher(line).matches()) {
                continue; // a banner's rules and date (Apache RAT 0.18's "*****" and "Generated at: …")
            }
            if (sb.length() > 0) {
                sb.append(sb.charAt(sb.length() - 1) == ':' ? " " : "; ");
                line = line.replaceAll("\\s+", " "); // javac aligns its continuations: "found:    java.util.List"
            }
            sb.append(line);
        }
        return sb.toString();
    }

    /**
     * Where the text after {@code [ERROR] }, {@code [WARNING] } (or {@code [WARN]}, {@code [FATAL]}) starts, colour codes
     * around the level skipped; -1 for any other line. Looks at the first bytes only.
     */
    static int levelEnd(String message) {
        int start = levelStart(message);
        if (start < 0) {
            return -1;
        }
        int end;
        if (message.startsWith("WARNING", start)) {
            end = start + 7;
        } else if (message.startsWith("ERROR", start) || message.startsWith("FATAL", start)) {
            end = start + 5;
        } else if (message.startsWith("WARN", start)) {
            end = start + 4;
        } else {
            return -1;
        }
        end = skipAnsi(message, end);
        if (end >= message.length() || message.charAt(end) != ']') {
            return -1;
        }
        return end + 1 < message.length() && message.charAt(end + 1) == ' ' ? end + 2 : end + 1;
    }

    /** Where the level's word starts after the opening bracket, colour codes skipped; -1 without a bracket. */
    private static int levelStart(String message) {
        int i = skipAnsi(message, 0);
        return i < message.length() && message.charAt(i) == '[' ? skipAnsi(message, i + 1) : -1;
    }

    /** The index after the ANSI colour codes ({@code ESC [ ... m}) that start at {@code i}. */
    private static int skipAnsi(String s, int i) {
        while (i + 1 < s.length() && s.charAt(i) == '\u001B' && s.charAt(i + 1) == '[') {
            int j = i + 2;
            while (j < s.length() && j < i + 16 && (Character.isDigit(s.charAt(j)) || s.charAt(j) == ';')) {
                j++;
            }
            if (j >= s.length() || s.charAt(j) < '@' || s.charAt(j) > '~') {
                return i;
            }
            i = j + 1;
        }
        return i;
    }

    private void add(boolean error, String line, boolean listing) {
        if (error) {
            if (errorChars + line.length() > MAX_ERROR_CHARS) {
                omittedErrors++;
            } else {
                errors.add(line);
                errorChars += line.length();
            }
        } else if (warningChars + line.length() > MAX_WARNING_CHARS) {
            omittedWarnings++;
        } else {
            warnings.add(line);
            warningChars += line.length();
            if (listing) {
                listings.add(line);
            }
        }
    }

    /** No more lines are taken (the goal ended). */
    public void close() {
        closed = true;
    }

    public synchronized List<String> errors() {
        return Collections.unmodifiableList(new ArrayList<>(errors));
    }

    public synchronized List<String> warnings() {
        return Collections.unmodifiableList(new ArrayList<>(warnings));
    }

    /**
     * Adds to {@code lines} what this goal printed beyond what is said already: its ERROR lines that the
     * exception does not say; when none is left, its WARNING lines (JaCoCo's rules, {@code -Werror}'s warnings).
     * A warning that is a header and what it lists is added after the ERROR lines too: a tool may count at ERROR and
     * list at WARNING (Apache RAT 0.18: {@code Unexpected count for UNAPPROVED …}, then the files).
     *
     * @param lines the section's details so far, cleaned; a line in them, or in {@code said}, is not added again
     * @param said the exception's text, cleaned
     * @param clean how each line is cleaned and redacted, as every detail is
     * @return how many lines were left out because they did not fit the bounds (only counted)
     */
    public synchronized int addTo(Set<String> lines, String said, UnaryOperator<String> clean) {
        int before = lines.size();
        addNew(lines, errors, said, clean);
        if (lines.size() > before) {
            addNew(lines, listings, said, clean);
            return omittedErrors;
        }
        addNew(lines, warnings, said, clean);
        return lines.size() > before ? omittedWarnings : 0;
    }

    private static void addNew(Set<String> lines, List<String> candidates, String said, UnaryOperator<String> clean) {
        for (String candidate : candidates) {
            String line = DetailLines.withoutDirectories(clean.apply(candidate).trim());
            if (!line.isEmpty() && !said.contains(line) && !DetailLines.NOISE.matcher(line).matches()
                    && !ClassRealmDump.isDumpLine(line) && !isSaidIn(lines, line)) {
                lines.add(line);
            }
        }
    }

    private static boolean isSaidIn(Set<String> lines, String line) {
        for (String existing : lines) {
            if (existing.contains(line)) {
                return true;
            }
        }
        return false;
    }
}
