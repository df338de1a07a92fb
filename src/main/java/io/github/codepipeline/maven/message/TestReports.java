package io.github.codepipeline.maven.message;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    private TestReports() {}

    /**
     * @param directories report directories; missing ones are ignored
     * @param notBefore only reports written at or after this time (millis) count, so that a stale report of an
     *     earlier build is never blamed; 0 to read all
     */
    public static List<String> failedTests(List<File> directories, long notBefore) {
        Set<String> tests = new LinkedHashSet<>();
        for (File directory : directories) {
            File[] files = directory.listFiles((dir, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
            if (files == null) {
                continue;
            }
            Arrays.sort(files);
            for (File file : files) {
                if (file.lastModified() + 2000 < notBefore) {
                    continue; // file systems with coarse timestamps: allow two seconds
                }
                read(file, tests);
            }
        }
        return new ArrayList<>(tests);
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
            String message = Text.firstLine(Text.clean(problem.getAttribute("message")));
            if (message.isEmpty()) {
                message = Text.firstLine(Text.clean(problem.getTextContent()));
            }
            if (message.isEmpty()) {
                message = problem.getAttribute("type");
            }
            tests.add(simpleName(testcase.getAttribute("classname")) + "." + testcase.getAttribute("name")
                    + (message.isEmpty() ? "" : ": " + message));
        }
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
