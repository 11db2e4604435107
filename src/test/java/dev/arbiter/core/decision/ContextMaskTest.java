package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.ToolChangeRule;
import dev.arbiter.core.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masking sensitive context fields before they are recorded (issue 18, "masking at write time"). */
class ContextMaskTest {

    private static final McpTools CARDS = new McpTools(Map.of(), McpTools.DEFAULT_ACTION, true, ToolChangeRule.AUDIT,
            Set.of("Card_Number"));

    @TempDir
    Path dir;

    @Test
    void policyListedAndAlwaysMaskedNamesAreMaskedAtAnyDepthIgnoringCase() {
        String masked = ContextMask.apply("{\"amount_usd\":12.5,\"CARD_NUMBER\":\"4111111111111111\","
                + "\"customer\":{\"card_number\":4111,\"Password\":\"hunter2\",\"name\":\"Eve\"},"
                + "\"items\":[{\"api_key\":\"k-1\"}],\"subject_id\":\"c-1\"}", CARDS);
        assertThat(masked).doesNotContain("4111").doesNotContain("hunter2").doesNotContain("k-1")
                .contains("\"amount_usd\":12.5").contains("\"name\":\"Eve\"").contains("\"subject_id\":\"c-1\"")
                .contains("\"CARD_NUMBER\":\"***\"").contains("\"Password\":\"***\"");
        assertThat(ContextMask.apply("{\"card_numbers_seen\":2}", CARDS)).isEqualTo("{\"card_numbers_seen\":2}");
        assertThat(ContextMask.apply(null, CARDS)).isNull();
    }

    @Property(tries = 200)
    void noValueOfASensitiveFieldSurvives(@ForAll @AlphaChars @StringLength(min = 6, max = 20) String value,
                                          @ForAll("spellings") String name) {
        String json = "{\"a\":{\"" + name + "\":\"" + value + "\"},\"b\":[{\"" + name + "\":[\"" + value + "\"]}]}";
        assertThat(ContextMask.apply(json, CARDS)).doesNotContain(value);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> spellings() {
        return net.jqwik.api.Arbitraries.of("card_number", "Card_Number", "CARD_NUMBER", "password", "Token",
                "ACCESS_TOKEN", "client_secret");
    }

    @Test
    void aMaskedValueNeverReachesTheDatabaseFileEvenForAnUnknownAgent() throws Exception {
        String secret = "hunter2-unique-8812";
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.decisions().decide(new DecisionRequest("nobody-registered", null, "read:customer", "look up", null,
                    null, List.of(), null, null, null, Set.of(), null, null,
                    "{\"password\":\"" + secret + "\",\"note\":\"kept\"}")).get(30, TimeUnit.SECONDS);
            assertThat(ws.auditReader().newest(new dev.arbiter.core.audit.AuditQuery(null, null, null, "decision",
                    null), 1).get(0).entry().detail()).contains("\"password\":\"***\"").contains("kept");
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString())
                        .doesNotContain(secret);
            }
        }
    }
}
