package dev.arbiter.report.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.cli.ArbiterCommand;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.readiness.Assessment;
import dev.arbiter.core.readiness.Dimension;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.vendor.TrainingUse;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorKind;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17: the vendor register is evidence beside "Vendor Management" in the readiness PDF, never a score. */
class VendorEvidenceReadinessTest {

    @TempDir
    Path dir;

    @Test
    void theReadinessReportShowsTheRegisterBesideTheScoreAndKeepsTheScore() throws Exception {
        long id;
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.vendors().add(new VendorDetails("", "Anthropic", VendorKind.LLM, LocalDate.parse("2025-03-01"),
                    "dpa.pdf", TrainingUse.NO, "EU", List.of("SOC 2 Type II"), "", LocalDate.parse("2099-01-01")
                            .minusYears(70), null, ""), "t");
            ws.vendors().add(VendorDetails.named("", "OpenAI", VendorKind.LLM), "t");
            ws.vendors().add(VendorDetails.named("", "Search API", VendorKind.TOOL), "t");
            ws.agents().add(new AgentProfile("a1", "A1", "o", "", "Anthropic", "claude-sonnet-4-5-20250929",
                    "claude-haiku-4-5-20251001", Set.of(), null, null, null), "t");
            ws.agents().add(new AgentProfile("a2", "A2", "o", "", "OpenAI", "gpt-4o-2024-08-06",
                    "gpt-4o-mini-2024-07-18", Set.of(), null, null, null), "t");
            Assessment a = ws.readiness().start("Acme", LocalDate.of(2026, 11, 30), "Zoe", "t");
            for (Dimension d : Dimension.values()) {
                a = a.withScore(d, 4);
            }
            a = a.withNotes(Dimension.VENDOR_MANAGEMENT, "DPAs reviewed by legal");
            ws.readiness().saveDraft(a);
            id = ws.readiness().complete(a.id(), "t").id();
            assertThat(ws.vendorOverview().evidenceLine()).isEqualTo("3 vendors, 2 without DPA, 2 agents with a "
                    + "fallback model, 0 multi-provider");
        }
        Path pdf = dir.resolve("readiness.pdf");
        assertThat(ArbiterCommand.run("report", "readiness", "--id", String.valueOf(id), "--out", pdf.toString(),
                "--data-dir", dir.toString())).isZero();
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(text).contains("DPAs reviewed by legal · Evidence in Arbiter: 3 vendors, 2 without DPA, 2 agents "
                + "with a fallback model, 0 multi-provider");
        assertThat(text).contains("24/30");
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            assertThat(ws.readiness().require(id).score(Dimension.VENDOR_MANAGEMENT).score()).isEqualTo(4);
        }
    }
}
