package dev.arbiter.core.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the counts of a JUnit XML report ({@code <testsuites>} or a single {@code <testsuite>}, the
 * format {@code arbiter policy test --junit}, Maven Surefire and most CI tools write). Counts come from
 * the {@code testsuite} elements' {@code tests failures errors skipped} attributes, summed. DOCTYPEs
 * are refused (no external entities), and so is a file over {@value #MAX_BYTES} bytes.
 */
final class JUnitReports {

    static final long MAX_BYTES = 64L * 1024 * 1024;

    private JUnitReports() {
    }

    /** @throws ModelChangeException naming the file and what is wrong with it */
    static TestEvidence.JUnitReport read(Path file) {
        String where = "evidence: " + file;
        if (!Files.isRegularFile(file)) {
            throw new ModelChangeException(where + " is not a file; give the JUnit XML report of the test run "
                    + "(e.g. arbiter policy test --junit FILE), or a reference with --evidence-ref");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ModelChangeException(where + " is larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB; is it a JUnit report?");
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            var builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root;
            try (InputStream in = Files.newInputStream(file)) {
                root = builder.parse(in).getDocumentElement();
            }
            if (!root.getTagName().equals("testsuites") && !root.getTagName().equals("testsuite")) {
                throw new ModelChangeException(where + " is XML but not a JUnit report (its root is <"
                        + root.getTagName() + ">, not <testsuites> or <testsuite>)");
            }
            NodeList suites = root.getTagName().equals("testsuite") ? null : root.getElementsByTagName("testsuite");
            int[] sum = new int[4];
            if (suites == null) {
                add(sum, root, where);
            } else {
                for (int i = 0; i < suites.getLength(); i++) {
                    add(sum, (Element) suites.item(i), where);
                }
            }
            return new TestEvidence.JUnitReport(file.toAbsolutePath().normalize().toString(), sum[0], sum[1], sum[2],
                    sum[3]);
        } catch (SAXParseException e) {
            throw new ModelChangeException(where + " line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": not well-formed XML (" + e.getMessage() + ")");
        } catch (SAXException | ParserConfigurationException e) {
            throw new ModelChangeException(where + ": not a readable JUnit report (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelChangeException(where + " cannot be read: " + e.getMessage());
        }
    }

    private static void add(int[] sum, Element suite, String where) {
        String[] names = {"tests", "failures", "errors", "skipped"};
        for (int i = 0; i < names.length; i++) {
            String value = suite.getAttribute(names[i]).strip();
            if (value.isEmpty()) {
                continue;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                sum[i] = Math.addExact(sum[i], n);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new ModelChangeException(where + ": testsuite " + suite.getAttribute("name") + " has "
                        + names[i] + "=\"" + value + "\", not a count");
            }
        }
    }
}
