package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCSF export of a real ledger, checked against the required fields of OCSF 1.3.0 for each class
 * Arbiter uses (vendored in {@code src/test/resources/ocsf/ocsf-1.3.0-required.json}).
 */
class OcsfExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    private static JsonNode schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream in = OcsfExportTest.class.getResourceAsStream("/ocsf/ocsf-1.3.0-required.json")) {
            schema = JSON.readTree(in);
        }
        assertThat(schema.get("ocsf_version").asText()).isEqualTo(OcsfEvent.SCHEMA_VERSION);
    }

    /** One entry of every kind the ledger holds, with the class it must be exported as. */
    private static final Map<AuditEntry, Integer> KINDS = Map.ofEntries(
            Map.entry(AuditEntry.of("decision").traceId("ag-2026-11-30-000001").agentId("refunds-agent")
                    .sessionId("s-1").action("refund:create").decision("allow").tier("autonomous")
                    .reasonCode("POLICY_ALLOWED").riskScore(0.12).actor("gateway").inputSummary("refund 12 EUR")
                    .build(), 6003),
            Map.entry(AuditEntry.of("decision").traceId("ag-2026-11-30-000002").agentId("refunds-agent")
                    .action("secrets:read").decision("deny").reasonCode("POLICY_DENIED").build(), 6003),
            Map.entry(AuditEntry.of("decision").traceId("ag-2026-11-30-000003").agentId("refunds-agent")
                    .action("refund:create").decision("pending").tier("gated").riskScore(0.91).build(), 6003),
            Map.entry(AuditEntry.of("review.approved").traceId("ag-2026-11-30-000003").agentId("refunds-agent")
                    .action("refund:create").decision("allow").actor("Dana Reyes").humanOverride(true).build(), 6003),
            Map.entry(AuditEntry.of("mcp.call.rejected").agentId("fs-agent").detail("{\"tool\":\"rm\"}").build(), 6003),
            Map.entry(AuditEntry.of("gateway.auth_refused").detail("{\"source\":\"127.0.0.1\"}").build(), 6003),
            Map.entry(AuditEntry.of("alert.raised").traceId("al-1").agentId("refunds-agent")
                    .detail("{\"rule\":\"denial_burst\",\"window_s\":60,\"count\":12}").build(), 2004),
            Map.entry(AuditEntry.of("alert.triaged").traceId("al-1").agentId("refunds-agent").actor("Dana Reyes")
                    .detail("{\"rule\":\"denial_burst\",\"verdict\":\"true_positive\"}").build(), 2004),
            Map.entry(AuditEntry.of("alert.response").agentId("refunds-agent").actor("rule:denial_burst").build(), 2004),
            Map.entry(AuditEntry.of("kill_switch.engaged").actor("Dana Reyes").detail("{\"reason\":\"runaway\"}")
                    .build(), 0),
            Map.entry(AuditEntry.of("policy.saved").actor("Dana Reyes").build(), 0),
            Map.entry(AuditEntry.of("ledger.recovered").build(), 0));

    @Test
    void everyEntryKindHasItsClassAndEveryRequiredFieldAndCarriesTheChain() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir.resolve("ws")), Clock.fixed(NOW, ZoneOffset.UTC))) {
            List<AuditEntry> written = new ArrayList<>(KINDS.keySet());
            for (AuditEntry e : written) {
                ws.ledger().append(e);
            }
            Path out = dir.resolve("audit.ocsf");
            assertThat(ws.exporter().export(AuditQuery.all(), ExportFormat.fromFileName(out.toString()), out))
                    .isEqualTo(written.size());

            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<LedgerEntry> ledger = new ArrayList<>();
            ws.auditReader().forEach(AuditQuery.all(), ledger::add);
            assertThat(lines).hasSize(ledger.size());
            for (int i = 0; i < lines.size(); i++) {
                JsonNode event = JSON.readTree(lines.get(i));
                LedgerEntry stored = ledger.get(i);
                int expectedClass = KINDS.get(written.get(i));
                assertThat(event.get("class_uid").asInt()).as(stored.entry().event()).isEqualTo(expectedClass);
                assertValid(event, stored.entry().event());
                assertThat(event.at("/metadata/uid").asText()).isEqualTo(stored.hash());
                assertThat(event.at("/metadata/sequence").asLong()).isEqualTo(stored.seq());
                assertThat(event.at("/unmapped/arbiter/hash").asText()).isEqualTo(stored.hash());
                assertThat(event.at("/unmapped/arbiter/prev_hash").asText()).isEqualTo(stored.prevHash());
                assertThat(event.at("/unmapped/arbiter/event").asText()).isEqualTo(stored.entry().event());
                assertThat(event.get("time").asLong()).isEqualTo(stored.entry().timestamp().toEpochMilli());
            }
        }
    }

    @Test
    void verdictsBecomeDispositionsAndTheAgentIsTheActor() {
        LedgerEntry deny = new LedgerEntry(7, AuditEntry.of("decision").agentId("ops-bot").action("db:drop")
                .decision("deny").reasonCode("POLICY_DENIED").timestamp(NOW).build(), "p".repeat(64), "h".repeat(64));
        JsonNode event = OcsfEvent.of(deny);
        assertThat(event.get("disposition_id").asInt()).isEqualTo(2);
        assertThat(event.get("status_id").asInt()).isEqualTo(2);
        assertThat(event.at("/actor/user/uid").asText()).isEqualTo("ops-bot");
        assertThat(event.at("/api/operation").asText()).isEqualTo("db:drop");
        assertThat(event.get("status_code").asText()).isEqualTo("POLICY_DENIED");
    }

    @Test
    void aLoneSurrogateStaysParseableAndExact() throws Exception {
        LedgerEntry odd = new LedgerEntry(1, AuditEntry.of("decision").agentId("a").action("x:y")
                .inputSummary("bad \ud800 |=\\\n end").timestamp(NOW).build(), null, "h");
        String line = OcsfEvent.line(odd);
        assertThat(line).doesNotContain("\n").doesNotContain("\ud800");
        assertThat(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(line);
        assertThat(JSON.readTree(line).at("/unmapped/arbiter/input_summary").asText()).isEqualTo("bad \ud800 |=\\\n end");
    }

    private static void assertValid(JsonNode event, String kind) {
        JsonNode cls = schema.at("/classes/" + event.get("class_uid").asInt());
        assertThat(cls.isMissingNode()).as("class of " + kind).isFalse();
        for (JsonNode field : cls.get("required")) {
            assertPresent(event, field.asText(), kind);
        }
        assertThat(event.get("category_uid").asInt()).as(kind).isEqualTo(cls.get("category_uid").asInt());
        assertThat(event.get("type_uid").asLong()).as(kind)
                .isEqualTo(event.get("class_uid").asLong() * 100 + event.get("activity_id").asLong());
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("objects").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> object = it.next();
            JsonNode node = event.at("/" + object.getKey().replace('.', '/'));
            if (node.isMissingNode()) {
                continue;
            }
            if (object.getValue().has("required")) {
                for (JsonNode field : object.getValue().get("required")) {
                    assertPresent(node, field.asText(), kind + " " + object.getKey());
                }
            }
            if (object.getValue().has("at_least_one")) {
                boolean any = false;
                for (JsonNode field : object.getValue().get("at_least_one")) {
                    any |= node.hasNonNull(field.asText());
                }
                assertThat(any).as(kind + " " + object.getKey() + " needs one of "
                        + object.getValue().get("at_least_one")).isTrue();
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("enums").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (event.has(e.getKey())) {
                List<Integer> allowed = new ArrayList<>();
                e.getValue().forEach(v -> allowed.add(v.asInt()));
                assertThat(allowed).as(kind + " " + e.getKey()).contains(event.get(e.getKey()).asInt());
            }
        }
    }

    private static void assertPresent(JsonNode node, String field, String where) {
        assertThat(node.hasNonNull(field)).as(where + " requires " + field).isTrue();
        JsonNode value = node.get(field);
        if (value.isObject()) {
            assertThat(value.size()).as(where + " " + field + " is empty").isPositive();
        }
    }
}
