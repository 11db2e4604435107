package dev.arbiter.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.ModelChangeStatus;
import dev.arbiter.core.vendor.ProviderStrategy;
import dev.arbiter.core.vendor.RiskRating;
import dev.arbiter.core.vendor.VendorOverview;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorDemoSeedTest {

    @TempDir
    Path dir;

    @Test
    void theDemoRegisterLinksEveryDemoAgentAndShowsItsGaps() {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            DemoWorkspace.seed(ws);
            VendorOverview o = ws.vendorOverview();
            assertThat(o.dossiers()).extracting(d -> d.vendor().id() + ":" + d.assessment().rating())
                    .containsExactly("anthropic:" + RiskRating.LOW, "openai:" + RiskRating.HIGH,
                            "zendesk:" + RiskRating.LOW);
            assertThat(o.unregistered()).isEmpty();
            assertThat(o.plans()).allSatisfy(p -> {
                assertThat(p.vendor()).isPresent();
                assertThat(p.fallback()).isPresent();
            });
            assertThat(o.plans()).extracting(p -> p.strategy()).doesNotContain(ProviderStrategy.NO_MODEL);
            assertThat(o.openChanges()).singleElement().satisfies(r -> {
                assertThat(r.agentId()).isEqualTo(DemoAgents.REFUNDS);
                assertThat(r.status()).isEqualTo(ModelChangeStatus.REQUESTED);
            });
            assertThat(o.evidenceLine()).startsWith("3 vendors, 1 without DPA").contains("1 review overdue")
                    .contains("1 open model change");
            assertThat(ws.verifier().verify()).matches(dev.arbiter.core.audit.VerificationResult::intact, "intact");
        }
    }
}
