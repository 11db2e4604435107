package dev.arbiter.core.metrics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** The governance metrics of one UTC month, as the guide's monthly review reads them. */
public record MonthlyMetrics(YearMonth month, Instant computedAt, List<AgentTrend> agents,
                             List<ReviewerStats> reviewers, AlertFigures alerts) {

    /** All agents' decisions together. */
    public TierCounts total() {
        TierCounts t = new TierCounts("all", 0, 0, 0, 0);
        for (AgentTrend a : agents) {
            TierCounts m = a.month();
            t = new TierCounts("all", t.autonomous() + m.autonomous(), t.supervised() + m.supervised(),
                    t.gated() + m.gated(), t.denied() + m.denied());
        }
        return t;
    }
}
