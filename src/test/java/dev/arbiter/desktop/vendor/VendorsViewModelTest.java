package dev.arbiter.desktop.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.ModelChangeStatus;
import dev.arbiter.core.agent.ModelRole;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.vendor.VendorKind;
import dev.arbiter.desktop.common.CurrentThreadTaskRunner;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TestUiThread;
import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.report.vendor.VendorReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain JUnit on a real workspace; no toolkit. */
class VendorsViewModelTest {

    @TempDir
    Path dir;
    Workspace ws;
    VendorsViewModel model;
    String actor = "alice";

    @BeforeEach
    void open() {
        ws = TestWorkspaces.open(dir.resolve("ws"));
        DemoAgents.ensure(ws);
        model = new VendorsViewModel(ws.vendors(), ws.providerPlans(), ws.modelChanges(), ws::vendorOverview,
                (o, file) -> new VendorReport(o, ws.clock().instant(), ZoneOffset.UTC, "alice").write(file),
                () -> actor, new CurrentThreadTaskRunner(), new StatusMessage((delay, task) -> { }));
        model.refresh();
    }

    @AfterEach
    void close() {
        ws.close();
    }

    @Test
    void aVendorWithoutADpaIsHighRiskAndItsAgentsLinkUp() {
        assertThat(model.vendorRows()).isEmpty();
        assertThat(model.evidenceProperty().get()).contains("name a vendor not in the register");
        model.newVendor();
        model.form().name.set("Anthropic");
        model.form().kind.set(VendorKind.LLM);
        model.form().reviewDue.set("31/03/2027");
        model.save();
        assertThat(model.status().textProperty().get()).contains("reviewDue").contains("YYYY-MM-DD");
        assertThat(model.vendorRows()).isEmpty();

        model.form().reviewDue.set("2027-03-31");
        model.save();
        assertThat(model.status().errorProperty().get()).isFalse();
        assertThat(model.vendorRows()).singleElement().satisfies(r -> {
            assertThat(r.risk()).isEqualTo("high");
            assertThat(r.dpa()).isEqualTo("none");
            assertThat(r.findings()).isNotEmpty();
            assertThat(r.agents()).isEqualTo("2");
        });
        assertThat(model.form().isAdding()).isFalse();
        assertThat(model.planRows()).filteredOn(p -> p.vendor().isPresent()).hasSize(2);

        model.remove(model.vendorRows().get(0), "contract ended");
        assertThat(model.status().textProperty().get()).contains("still the vendor of").contains(DemoAgents.SUPPORT)
                .contains(DemoAgents.CLEANUP);
        assertThat(ws.vendors().list()).hasSize(1);
    }

    @Test
    void editingKeepsTheKeyAndARenameKeepsTheAgents() {
        model.form().name.set("Anthropic");
        model.save();
        model.edit(model.vendorRows().get(0));
        model.form().name.set("Anthropic PBC");
        model.form().dpaSigned.set("2025-01-15");
        model.form().dpaFile.set("contracts/anthropic.pdf");
        model.save();
        assertThat(model.vendorRows()).singleElement().satisfies(r -> {
            assertThat(r.details().id()).isEqualTo("anthropic");
            assertThat(r.dpa()).isEqualTo("2025-01-15 · contracts/anthropic.pdf");
            assertThat(r.agents()).isEqualTo("2");
        });
    }

    @Test
    void aModelChangeGoesFromRequestToAppliedAndSelfApprovalShows() throws Exception {
        model.request(DemoAgents.REFUNDS, ModelRole.PINNED, "latest", "newer", "CI #1", false, () -> { });
        assertThat(model.status().textProperty().get()).startsWith("Not requested: to:");
        Path report = dir.resolve("junit.xml");
        Files.writeString(report, "<testsuite tests=\"3\" failures=\"1\" errors=\"0\"><testcase name=\"a\"/>"
                + "</testsuite>");
        model.request(DemoAgents.REFUNDS, ModelRole.PINNED, "gpt-4o-2024-11-20", "newer", report.toString(), true,
                () -> { });
        assertThat(model.status().textProperty().get()).contains("1 failures");
        Files.writeString(report, "<testsuite tests=\"3\" failures=\"0\" errors=\"0\"><testcase name=\"a\"/>"
                + "</testsuite>");
        boolean[] cleared = {false};
        model.request(DemoAgents.REFUNDS, ModelRole.PINNED, "gpt-4o-2024-11-20", "newer", report.toString(), true,
                () -> cleared[0] = true);
        assertThat(cleared[0]).isTrue();
        var requested = model.changeRows().get(0);
        assertThat(VendorsViewModel.state(requested)).isEqualTo("requested");
        assertThat(requested.evidence().describe()).contains("3 tests");

        model.apply(requested);
        assertThat(model.status().textProperty().get()).contains("approve it first");
        model.approve(requested, "");
        assertThat(VendorsViewModel.state(model.changeRows().get(0))).isEqualTo("approved · self-approved");
        model.apply(model.changeRows().get(0));
        assertThat(model.changeRows().get(0).status()).isEqualTo(ModelChangeStatus.APPLIED);
        assertThat(ws.agents().find(DemoAgents.REFUNDS).orElseThrow().profile().model()).isEqualTo("gpt-4o-2024-11-20");
        assertThat(model.planRows()).filteredOn(p -> p.agent().id().equals(DemoAgents.REFUNDS))
                .singleElement().satisfies(p -> assertThat(p.pinnedModel()).isEqualTo("gpt-4o-2024-11-20"));

        actor = "bob";
        model.request(DemoAgents.SUPPORT, ModelRole.FALLBACK, "claude-haiku-4-5-20251002", "x", "CI #2", false,
                () -> { });
        actor = "carol";
        model.reject(model.changeRows().get(0), " ");
        assertThat(model.status().textProperty().get()).contains("reason: required");
        model.reject(model.changeRows().get(0), "not tested on our traffic");
        assertThat(VendorsViewModel.state(model.changeRows().get(0))).isEqualTo("rejected");
    }

    @Test
    void fallbackAndReportExport() throws Exception {
        model.form().name.set("OpenAI");
        model.save();
        model.setFallback(DemoAgents.REFUNDS, "notify", "", "");
        assertThat(model.status().textProperty().get()).contains("say whom to notify");
        model.setFallback(DemoAgents.REFUNDS, "notify", "#payments-oncall", "");
        assertThat(model.planRows()).filteredOn(p -> p.agent().id().equals(DemoAgents.REFUNDS)).singleElement()
                .satisfies(p -> assertThat(p.fallbackDescription()).isEqualTo("notify humans (#payments-oncall)"));
        assertThat(PlansPane.costLimit(ws.agents().find(DemoAgents.REFUNDS).orElseThrow().profile().budget()))
                .isEqualTo("$45.00 / day");

        Path pdf = dir.resolve("vendors.pdf");
        model.export(pdf);
        assertThat(model.exportingProperty().get()).isFalse();
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("OpenAI").contains("#payments-oncall");
        }
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        model.export(notADirectory.resolve("vendors.pdf"));
        assertThat(model.status().errorProperty().get()).isTrue();
    }

    /** Issue 20 "never stale": a vendor registered by another process (the CLI) shows here. */
    @Test
    void followsAVendorAddedByAnotherProcess() {
        TestUiThread ui = new TestUiThread();
        model.follow(ws.events(), ui);
        try (Workspace other = TestWorkspaces.open(dir.resolve("ws"))) {
            other.vendors().add(VendorDetails.named("", "Search API", VendorKind.TOOL), "bob");
        }
        ui.runUntil(() -> model.vendorRows().stream().anyMatch(r -> r.details().name().equals("Search API")));
    }
}
