package io.github.codepipeline.maven.message;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The StAX parts of reading a report: a parser that refuses DTDs, the UTF-8 decoding, and the root's attributes. */
final class ReportXml {
    private ReportXml() {}

    /** Moves to the root element; {@code false} when there is none (or a DTD comes first, which is refused). */
    static boolean toRoot(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.DTD) {
                return false;
            }
        }
        return false;
    }

    /** A non-negative number attribute of the current element, or -1 when it is missing or not a number. */
    static int number(XMLStreamReader xml, String name) {
        try {
            return Math.max(-1, Integer.parseInt(attribute(xml, name).trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String attribute(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value;
    }

    /**
     * DTDs refused and external entities never resolved, as for any XML we read. Where the parser supports it (the
     * JDK's), character data comes in chunks, so that a huge CDATA section of captured output is never held whole;
     * and the JDK's limits on entity sizes, which since JDK 24 count even {@code &lt;} in long captured output,
     * are lifted: without a DTD no entity can be declared, so nothing can expand.
     */
    static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        optional(factory, "jdk.xml.cdataChunkSize", 8192);
        optional(factory, "jdk.xml.maxGeneralEntitySizeLimit", 0);
        optional(factory, "jdk.xml.totalEntitySizeLimit", 0);
        return factory;
    }

    /**
     * Reports are UTF-8, as Surefire and Failsafe write them; bytes that are not become U+FFFD. Decoding here,
     * not in the parser, also keeps the JDK's parser from printing {@code [Fatal Error]} lines on the console for a
     * file that is not text.
     */
    static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static void optional(XMLInputFactory factory, String property, Object value) {
        try {
            factory.setProperty(property, value);
        } catch (IllegalArgumentException e) {
            // another StAX implementation (Maven 4 ships Woodstox), or an older JDK: the byte limits still bound the work
        }
    }
}
