package dev.arbiter.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.store.DataDirectory;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exports of a real workspace: one bad string never fails them, and no cell runs as a formula. */
class AuditExporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

    @TempDir
    Path dir;

    private Workspace open() {
        return Workspace.open(new DataDirectory(dir.resolve("ws")), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static AuditEntry withStrings(String text) {
        return AuditEntry.of("decision").traceId("t-" + text.length()).agentId("refunds-agent")
                .action("refund.create").inputSummary(text).reasoning("because " + text)
                .toolsUsed(List.of(text)).detail("{\"note\":" + jsonString(text) + "}").build();
    }

    /** A JSON string literal as an agent would send it (surrogates escaped, as JSON allows). */
    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.append('"').toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udfffb", "\udc00\ud800", "x\ud83d", "ok \ud83d\ude00 then \ud800"})
    void jsonlKeepsEveryStringExactlyAndTheChainStillVerifies(String text) throws Exception {
        try (Workspace ws = open()) {
            ws.ledger().append(AuditEntry.of("decision").traceId("before").build());
            ws.ledger().append(withStrings(text));
            ws.ledger().append(AuditEntry.of("decision").traceId("after").build());
            Path out = dir.resolve("audit.jsonl");

            long n = ws.exporter().export(AuditQuery.all(), ExportFormat.JSONL, out);

            assertThat(n).isEqualTo(3);
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(3);
            JsonNode middle = JSON.readTree(lines.get(1));
            assertThat(middle.get("input_summary").asText()).isEqualTo(text);
            assertThat(middle.get("reasoning").asText()).isEqualTo("because " + text);
            assertThat(middle.get("tools_used").get(0).asText()).isEqualTo(text);
            assertThat(middle.get("detail").get("note").asText()).isEqualTo(text);
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @Test
    void csvReplacesALoneSurrogateAndKeepsValidPairs() throws Exception {
        try (Workspace ws = open()) {
            ws.ledger().append(withStrings("bad \ud800 good \ud83d\ude00"));
            Path out = dir.resolve("audit.csv");

            assertThat(ws.exporter().export(AuditQuery.all(), ExportFormat.CSV, out)).isEqualTo(1);

            CSVRecord row = parse(out).get(0);
            assertThat(row.get("input_summary")).isEqualTo("bad \uFFFD good \ud83d\ude00");
            assertThat(row.get("tools_used")).contains("\uFFFD");
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @Test
    void pruneArchivesAnEntryWithALoneSurrogate() throws Exception {
        try (Workspace ws = open()) {
            ws.ledger().append(withStrings("\ud800").withTimestamp(NOW.minus(Duration.ofDays(365 * 3))));
            ws.ledger().append(AuditEntry.of("decision").traceId("recent").build());

            var pruned = ws.retention().prune(2, "alice").orElseThrow();

            List<String> archived = Files.readAllLines(pruned.archive(), StandardCharsets.UTF_8);
            assertThat(archived).hasSize(1);
            assertThat(JSON.readTree(archived.get(0)).get("input_summary").asText()).isEqualTo("\ud800");
            assertThat(ws.verifier().verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1+1", "\r=1+1", "=HYPERLINK(\"http://x\")"})
    void csvCellsThatASpreadsheetWouldRunAreShownAsText(String text) throws Exception {
        try (Workspace ws = open()) {
            ws.ledger().append(AuditEntry.of("decision").inputSummary(text).build());
            Path out = dir.resolve("audit.csv");

            ws.exporter().export(AuditQuery.all(), ExportFormat.CSV, out);

            assertThat(parse(out).get(0).get("input_summary")).isEqualTo("'" + text);
        }
    }

    @Test
    void numbersAndOrdinaryTextAreLeftAlone() throws Exception {
        try (Workspace ws = open()) {
            ws.ledger().append(AuditEntry.of("decision").inputSummary("-0.25").reasoning("Refund $1,450, \"now\"")
                    .riskScore(0.5).build());
            Path out = dir.resolve("audit.csv");

            ws.exporter().export(AuditQuery.all(), ExportFormat.CSV, out);

            CSVRecord row = parse(out).get(0);
            assertThat(row.get("input_summary")).isEqualTo("-0.25");
            assertThat(row.get("reasoning")).isEqualTo("Refund $1,450, \"now\"");
            assertThat(row.get("risk_score")).isEqualTo("0.5");
            assertThat(Files.readString(out)).startsWith("seq,timestamp,event,trace_id").contains("\r\n");
        }
    }

    static List<CSVRecord> parse(Path csv) throws Exception {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
