package dev.arbiter.desktop.metrics;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.demo.DemoAgents;
import dev.arbiter.core.store.DataDirectory;
import java.nio.file.Path;

/**
 * Run as its own JVM by {@link MetricsScreenTest}: opens the workspace in {@code args[0]} and makes one real
 * decision (a gated refund of the demo refunds agent), as a gateway in another process would.
 */
public final class OtherProcessDecision {

    private OtherProcessDecision() {
    }

    public static void main(String[] args) {
        try (Workspace ws = Workspace.open(new DataDirectory(Path.of(args[0])))) {
            ws.decisions().decide(DecisionRequest.of(DemoAgents.REFUNDS, "issue:refund")
                    .withTarget(DemoAgents.TARGETS.get(DemoAgents.REFUNDS)).withAmount(2500.0)
                    .withConfidence(0.9)).join();
        }
    }
}
