package dev.arbiter.core.policyqa;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes suite results as JUnit XML in the form Maven Surefire writes and
 * Jenkins, GitLab and GitHub test reporters read: {@code <testsuites>} with
 * one {@code <testsuite name tests failures errors skipped time timestamp>}
 * per test file, one {@code <testcase classname name time>} per case and a
 * {@code <failure message type>} for each failed one. Times are in seconds.
 * Text that XML 1.0 cannot hold (control characters, lone surrogates) is
 * replaced by U+FFFD, so any case name yields a well-formed file.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    /** Writes {@code suites} to {@code file} through a temporary file, so a failed write leaves no half file. */
    public static void write(List<SuiteResult> suites, Instant at, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".junit", ".xml");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(suites, at, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code suites} as UTF-8 XML to {@code out} (left open). */
    public static void write(List<SuiteResult> suites, Instant at, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            long tests = suites.stream().mapToLong(s -> s.cases().size()).sum();
            long failures = suites.stream().mapToLong(SuiteResult::failures).sum();
            x.writeAttribute("name", "arbiter policy test");
            x.writeAttribute("tests", Long.toString(tests));
            x.writeAttribute("failures", Long.toString(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("time", seconds(suites.stream().mapToLong(SuiteResult::nanos).sum()));
            for (SuiteResult suite : suites) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", clean(suite.name()));
                x.writeAttribute("tests", Integer.toString(suite.cases().size()));
                x.writeAttribute("failures", Long.toString(suite.failures()));
                x.writeAttribute("errors", "0");
                x.writeAttribute("skipped", "0");
                x.writeAttribute("time", seconds(suite.nanos()));
                x.writeAttribute("timestamp", at.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
                x.writeAttribute("hostname", "localhost");
                for (CaseResult c : suite.cases()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", clean("policy." + suite.policyName()));
                    x.writeAttribute("name", clean(c.testCase().name()));
                    x.writeAttribute("time", seconds(c.nanos()));
                    if (!c.passed()) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", clean(String.join("; ", c.mismatches())));
                        x.writeAttribute("type", "PolicyExpectationFailed");
                        x.writeCharacters(clean(failureText(c)));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /** The failure's body: where the case is, what was expected, what was decided and why. */
    static String failureText(CaseResult c) {
        ModelDecision d = c.actual();
        return "case at line " + c.testCase().position() + "\nexpected: " + c.testCase().expect().describe()
                + "\nactual:   " + d.verdict().wireName() + " / " + (d.tier() == null ? "no tier" : d.tier().wireName())
                + " / " + d.reasonCode() + "\nbecause:  " + d.reason();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    /** Replaces what XML 1.0 cannot carry (controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                    || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF;
            out.appendCodePoint(ok ? cp : 0xFFFD);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
