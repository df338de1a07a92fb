package io.github.codepipeline.maven.message;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the failing and erroring tests from Surefire/Failsafe XML reports ({@code TEST-*.xml}), as
 * {@code SimpleClassName.method: first line of the message}.
 */
public final class TestReports {
    private static final Pattern SUREFIRE_CONTROL = Pattern.compile("&(?:amp)?#(\\d{1,2});");

    private TestReports() {}

    /**
     * @param directories report directories; missing ones are ignored
     * @param notBefore only reports written at or after this time (millis) count, so that a stale report of an
     *     earlier build is never blamed; 0 to read all
     */
    public static List<String> failedTests(List<File> directories, long notBefore) {
        Set<String> tests = new LinkedHashSet<>();
        for (File file : reports(directories, notBefore)) {
            read(file, tests);
        }
        return new ArrayList<>(tests);
    }

    /** How many tests the reports ran (their {@code testsuite tests="…"}), for a success summary. */
    public static int testCount(List<File> directories, long notBefore) {
        int count = 0;
        for (File file : reports(directories, notBefore)) {
            try {
                count += Integer.parseInt(parser().parse(file).getDocumentElement().getAttribute("tests").trim());
            } catch (SAXException | IOException | ParserConfigurationException | NumberFormatException e) {
                // a half-written or foreign file: not counted
            }
        }
        return count;
    }

    private static List<File> reports(List<File> directories, long notBefore) {
        List<File> reports = new ArrayList<>();
        for (File directory : directories) {
            File[] files = directory.listFiles((dir, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
            if (files == null) {
                continue;
            }
            Arrays.sort(files);
            for (File file : files) {
                if (file.lastModified() + 2000 >= notBefore) { // file systems with coarse timestamps: allow two seconds
                    reports.add(file);
                }
            }
        }
        return reports;
    }

    private static void read(File file, Set<String> tests) {
        Document document;
        try {
            document = parser().parse(file);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return; // a half-written or foreign file: nothing to add
        }
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            Element problem = firstChild(testcase, "failure");
            if (problem == null) {
                problem = firstChild(testcase, "error");
            }
            if (problem == null) {
                continue;
            }
            String message = Text.firstLine(Text.clean(unescapeControls(problem.getAttribute("message"))));
            if (message.isEmpty()) {
                message = Text.firstLine(Text.clean(unescapeControls(problem.getTextContent())));
            }
            if (message.isEmpty()) {
                message = problem.getAttribute("type");
            }
            String method = testcase.getAttribute("name");
            tests.add(simpleName(testcase.getAttribute("classname")) + (method.isEmpty() ? "" : "." + method)
                    + (message.isEmpty() ? "" : ": " + message));
        }
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

    private static Element firstChild(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element && name.equals(((Element) child).getTagName())) {
                return (Element) child;
            }
        }
        return null;
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Reports are local files, but never resolve external entities from any XML we read.
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder();
    }
}
