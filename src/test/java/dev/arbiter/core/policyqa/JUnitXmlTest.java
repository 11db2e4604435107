package dev.arbiter.core.policyqa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Any case name, any reason text: the JUnit XML stays well-formed and reads back as written (less what XML 1.0 cannot hold). */
class JUnitXmlTest {

    @Property(tries = 300)
    void anyTextReadsBackFromWellFormedXml(@ForAll String name, @ForAll String reason) throws Exception {
        PolicyTestCase c = new PolicyTestCase(name, dev.arbiter.core.policy.Position.START, List.of(),
                new ModelRequest("a", dev.arbiter.core.decision.ActionRequest.of("read:x"), null, null),
                new Expectation(dev.arbiter.core.decision.Verdict.ALLOW, null, null), false);
        ModelDecision d = new ModelDecision(dev.arbiter.core.decision.Verdict.DENY,
                dev.arbiter.core.decision.ReasonCode.NOT_ALLOWED, null, null, reason);
        SuiteResult suite = new SuiteResult("s.tests.yaml", "p", List.of(new CaseResult(c, d,
                c.expect().mismatches(d), 1_500_000)), new PolicyCoverage(List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JUnitXml.write(List.of(suite), Instant.parse("2026-01-05T09:00:00Z"), out);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        Element testcase = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(testcase.getAttribute("name")).isEqualTo(JUnitXml.clean(name));
        assertThat(testcase.getAttribute("time")).isEqualTo("0.002");
        assertThat(testcase.getElementsByTagName("failure").item(0).getTextContent())
                .contains(JUnitXml.clean(reason).replace("\r", "\n").strip().isEmpty() ? "" : "because:");
    }

    @Test
    void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
        assertThat(JUnitXml.clean("a\u0001b\uD800c\tok\uFFFE")).isEqualTo("a\uFFFDb\uFFFDc\tok\uFFFD");
    }
}
