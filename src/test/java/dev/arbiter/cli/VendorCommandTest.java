package dev.arbiter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: {@code arbiter vendor …}, {@code arbiter agent model …} and the vendor PDF, end to end. */
class VendorCommandTest {

    @TempDir
    Path data;

    @BeforeEach
    void seed() {
        try (Workspace ws = Workspace.open(new DataDirectory(data))) {
            ws.agents().add(new AgentProfile("support-bot", "Support", "Ops", "", "Anthropic",
                    "claude-sonnet-4-5-20250929", "gpt-4o-mini-2024-07-18", Set.of(), null, null, null), "alice");
            ws.agents().add(new AgentProfile("ops-bot", "Ops", "Ops", "", "Acme AI", "acme-7b-v2", "", Set.of(), null,
                    null, null), "alice");
        }
    }

    @Test
    void theRegisterModelChangesAndTheReportWorkFromTheCommandLine() throws Exception {
        CliRun add = CliRun.in(data, "vendor", "add", "Anthropic", "--kind", "llm", "--dpa-date", "2025-03-01",
                "--dpa-file", "contracts/anthropic-dpa.pdf", "--training", "no", "--residency", "US, EU", "--cert",
                "SOC 2 Type II,ISO 27001", "--review-due", "2027-03-01", "--contact", "privacy@anthropic.example");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Added vendor Anthropic (anthropic), risk low.");
        CliRun openai = CliRun.in(data, "vendor", "add", "OpenAI", "--kind", "LLM", "--review-due", "2020-01-31");
        assertThat(openai.out()).contains("risk high; 5 findings: arbiter vendor show openai");

        CliRun bad = CliRun.in(data, "vendor", "add", "Bad", "--kind", "llm", "--dpa-date", "2025-02-30");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("'2025-02-30' is not a date; write YYYY-MM-DD");
        CliRun noFile = CliRun.in(data, "vendor", "add", "Bad", "--kind", "tool", "--dpa-date", "2025-02-01");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.err()).contains("arbiter: --dpa-file: say where the signed DPA is kept");
        CliRun noKind = CliRun.in(data, "vendor", "add", "Bad");
        assertThat(noKind.err()).contains("--kind: say what the vendor provides");

        CliRun list = CliRun.in(data, "vendor", "list");
        assertThat(list.out()).contains("anthropic", "openai", "2020-01-31 OVERDUE",
                "2 vendors, 1 without DPA, 1 review overdue, 1 agent with a fallback model, 0 multi-provider");

        CliRun fallback = CliRun.in(data, "vendor", "fallback", "support-bot", "--behaviour", "notify", "--detail",
                "#ops-oncall", "--fallback-vendor", "OpenAI");
        assertThat(fallback.out()).contains("notify humans (#ops-oncall) (multi-provider)");
        assertThat(CliRun.in(data, "vendor", "fallback", "support-bot", "--behaviour", "pray").err())
                .contains("\"pray\" is not a fallback behaviour; use queue, notify or rules");

        CliRun edit = CliRun.in(data, "vendor", "edit", "openai", "--training", "yes", "--risk", "medium");
        assertThat(edit.exitCode()).as(edit.err()).isZero();
        CliRun show = CliRun.in(data, "vendor", "show", "OPENAI");
        assertThat(show.out()).contains("Training use:    yes", "May use customer data for training",
                "Review overdue since 2020-01-31", "support-bot: claude-sonnet-4-5-20250929");

        CliRun direct = CliRun.in(data, "agent", "model", "request", "support-bot", "--to", "claude-sonnet-latest",
                "--reason", "newer", "--evidence-ref", "CI #1");
        assertThat(direct.exitCode()).isEqualTo(1);
        assertThat(direct.err()).contains("to: pin an exact model version, not \"claude-sonnet-latest\"");
        Path junit = Files.writeString(data.resolve("run.xml"), "<testsuites><testsuite name=\"support\" tests=\"16\""
                + " failures=\"0\" errors=\"0\"/></testsuites>");
        CliRun request = CliRun.in(data, "agent", "model", "request", "support-bot", "--to",
                "claude-sonnet-4-6-20260115", "--reason", "4.5 retires", "--evidence", junit.toString());
        assertThat(request.exitCode()).as(request.err()).isZero();
        assertThat(request.out()).contains("Requested #1: support-bot pinned model claude-sonnet-4-5-20250929 → "
                + "claude-sonnet-4-6-20260115");
        assertThat(CliRun.in(data, "agent", "model", "apply", "1").err())
                .contains("Request #1 is already requested; approve it first");

        Path pdf = data.resolve("vendors.pdf");
        CliRun report = CliRun.in(data, "report", "vendors", "--out", pdf.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("Vendor due diligence", "Anthropic (anthropic)", "OpenAI (openai)",
                "No data processing agreement on file", "May use customer data for training",
                "Review overdue since 2020-01-31", "signed 2025-03-01", "contracts/anthropic-dpa.pdf",
                "support-bot", "claude-sonnet-4-5-20250929", "notify humans (#ops-oncall)", "multi-provider",
                "claude-sonnet-4-6-20260115", "16 tests, 0 failures", "Agents whose vendor is not in the register",
                "ops-bot", "single model, no fallback");

        assertThat(CliRun.in(data, "agent", "model", "approve", "1").exitCode()).isZero();
        CliRun applied = CliRun.in(data, "agent", "model", "apply", "1");
        assertThat(applied.out()).contains("Request #1 applied", "(self-approved)");
        assertThat(CliRun.in(data, "agent", "model", "list").out()).contains("applied");
        assertThat(CliRun.in(data, "vendor", "remove", "anthropic", "--reason", "x").err())
                .contains("Anthropic is still the vendor of support-bot");
    }
}
