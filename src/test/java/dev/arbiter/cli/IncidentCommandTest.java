package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: {@code arbiter incident …} from opening to the PDF, with the refusals a person can act on. */
class IncidentCommandTest {

    @TempDir
    Path data;

    @BeforeEach
    void seed() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            ws.agents().add(new AgentProfile("ops-bot", "Ops bot", "platform", "", "", "", "", Set.of(), null, null,
                    null), "alice");
            for (int i = 0; i < 4; i++) {
                ws.ledger().append(AuditEntry.of("decision").agentId("ops-bot").build());
            }
        }
    }

    @Test
    void anIncidentRunsFromOpenToClosedAndItsReportReadsBack() throws Exception {
        CliRun open = CliRun.in(data, "incident", "open", "Refund loop", "--severity", "HIGH", "--agent", "Ops-Bot",
                "--range", "2..3", "--classify", "health", "--detected", "2026-11-30T08:00Z");
        assertThat(open.exitCode()).as(open.err()).isZero();
        assertThat(open.out()).contains("Opened INC-1 (high): Refund loop", "ledger entries 2..3",
                "EU AI Act report due 2026-12-15 08:00 UTC");

        CliRun skip = CliRun.in(data, "incident", "resolve", "INC-1");
        assertThat(skip.exitCode()).isEqualTo(1);
        assertThat(skip.err()).isEqualTo("arbiter: Incident 1 is open: it can only be contained next (contain),"
                + " not resolved\n");

        assertThat(CliRun.in(data, "incident", "pause", "1", "--agent", "ops-bot", "--reason", "loop").exitCode())
                .isZero();
        assertThat(CliRun.in(data, "incident", "contain", "1", "--note", "paused").exitCode()).isZero();
        assertThat(CliRun.in(data, "incident", "resolve", "inc-1").exitCode()).isZero();
        CliRun early = CliRun.in(data, "incident", "close", "1");
        assertThat(early.err()).contains("no root cause yet");
        assertThat(CliRun.in(data, "incident", "root-cause", "1", "Retries without back-off").exitCode()).isZero();
        assertThat(CliRun.in(data, "incident", "follow-up", "1", "Cap refunds per hour").exitCode()).isZero();
        assertThat(CliRun.in(data, "incident", "reported", "1", "--reference", "MSA-17").exitCode()).isZero();

        CliRun show = CliRun.in(data, "incident", "show", "1");
        assertThat(show.out()).contains("status:      resolved (next: arbiter incident close INC-1)",
                "ledger entries 2..3 (frozen)", "agent.paused (entry", "Retries without back-off");

        Path pdf = data.resolve("inc-1.pdf");
        assertThat(CliRun.in(data, "incident", "report", "1", "--out", pdf.toString()).exitCode()).isZero();
        String text = text(pdf);
        assertThat(text).contains("Refund loop", "Serious-incident report (EU AI Act Art. 73)",
                "Serious harm to a person's health", "Art. 73(2)", "2026-12-15 08:00 UTC", "ops-bot",
                "Retries without back-off", "Cap refunds per hour", "audit ledger entries 2..3", "(pinned until closed)");

        assertThat(CliRun.in(data, "incident", "close", "1").out()).contains("INC-1 is now closed");
        assertThat(CliRun.in(data, "incident", "list").out()).contains("INC-1", "closed", "reported");
        assertThat(CliRun.in(data, "incident", "note", "1", "late").err()).contains("closed and locked");
    }

    @Test
    void badInputNamesTheFieldAndWritesNothing() {
        assertThat(CliRun.in(data, "incident", "open", "x", "--agent", "ghost").err())
                .isEqualTo("arbiter: agents: there is no agent 'ghost' (arbiter agent list shows them)\n");
        assertThat(CliRun.in(data, "incident", "open", "x", "--range", "9..").err())
                .contains("Bad ledger range '9..': write FROM..TO");
        assertThat(CliRun.in(data, "incident", "open", "x", "--classify", "deadly").err())
                .contains("use one of unassessed, not-serious, death");
        assertThat(CliRun.in(data, "incident", "show", "INC-x").err()).contains("write INC-3 or 3");
        assertThat(CliRun.in(data, "incident", "show", "7").err()).contains("No incident 7");
        assertThat(CliRun.in(data, "incident", "list").out()).startsWith("No incidents. Open one with");
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }
}
