package io.github.codepipeline.maven.message;

import io.github.codepipeline.maven.config.Secrets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A report's {@code failure} or {@code error} element as the failing test it stands for: of its message the first
 * {@value #MAX_MESSAGE_CHARS} characters are looked at, of its stack trace the first {@value #MAX_TRACE_CHARS},
 * each cleaned and with the build's secrets masked <em>before</em> it is cut.
 */
final class FailureElement {
    /** Of a failure's message, only this much is looked at. */
    static final int MAX_MESSAGE_CHARS = 2000;
    /** Of a failure's stack trace, only this much is looked at for the test class's frame. */
    static final int MAX_TRACE_CHARS = 16 * 1024;
    /** Read past a cut before masking secrets (a PEM key is some 3,300 characters): see {@link #clean}. */
    private static final int REDACTION_MARGIN = 8 * 1024;
    private static final int MAX_TRACE_READ = MAX_TRACE_CHARS + REDACTION_MARGIN;
    private static final Pattern SUREFIRE_CONTROL = Pattern.compile("&(?:amp)?#(\\d{1,2});");

    private FailureElement() {}

    /**
     * The failing test of a {@code failure}/{@code error} element: its {@code message} and {@code type} attributes
     * and the start of its text (the stack trace). Reads to the element's end, keeping at most
     * {@link #MAX_TRACE_CHARS} characters of its text.
     */
    static TestFailure read(XMLStreamReader xml, String className, String method, Secrets secrets)
            throws XMLStreamException {
        String message = clean(ReportXml.attribute(xml, "message"), MAX_MESSAGE_CHARS, secrets);
        String type = ReportXml.attribute(xml, "type").trim();
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[512];
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && text.length() < MAX_TRACE_READ
                    && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                // Copies at most what is still wanted: a huge text is never turned into a String.
                for (int at = 0; text.length() < MAX_TRACE_READ; ) {
                    int n = xml.getTextCharacters(at, chunk, 0, Math.min(chunk.length, MAX_TRACE_READ - text.length()));
                    if (n <= 0) {
                        break;
                    }
                    text.append(chunk, 0, n);
                    at += n;
                }
            }
        }
        return TestFailure.of(className, method, message, type, clean(text.toString(), MAX_TRACE_CHARS, secrets));
    }

    /**
     * The first {@code max} characters of {@code text}, cleaned, with the secrets masked first: what is masked is
     * read {@value #REDACTION_MARGIN} characters past the cut, so that a secret across it is masked whole.
     */
    private static String clean(String text, int max, Secrets secrets) {
        String start = text.length() > max + REDACTION_MARGIN ? text.substring(0, max + REDACTION_MARGIN) : text;
        String cleaned = Text.clean(unescapeControls(start));
        // Cut here, or read only this far (a stack trace): a secret at the cut is masked from its start.
        String masked = text.length() >= max + REDACTION_MARGIN ? secrets.redactStart(cleaned) : secrets.redact(cleaned);
        return masked.length() > max ? masked.substring(0, max) : masked;
    }

    /**
     * Surefire writes the control characters XML 1.0 cannot hold as the text {@code &#27;}: turn them back into
     * characters, so that {@link Text#clean} removes them with the colour codes they start.
     */
    private static String unescapeControls(String text) {
        Matcher m = SUREFIRE_CONTROL.matcher(text);
        StringBuffer sb = new StringBuffer();
        while (m.find()) {
            int c = Integer.parseInt(m.group(1));
            m.appendReplacement(sb, c < ' ' ? Matcher.quoteReplacement(String.valueOf((char) c)) : "$0");
        }
        return m.appendTail(sb).toString();
    }
}
