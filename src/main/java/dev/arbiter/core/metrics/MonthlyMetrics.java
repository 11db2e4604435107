package dev.arbiter.core.metrics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * The governance metrics of one UTC month, as the guide's monthly review reads them: agents' outcomes with
 * their trend, reviewers, alerts, and the incident register's count.
 */
public record MonthlyMetrics(YearMonth month, Instant computedAt, List<AgentTrend> agents,
                             List<ReviewerStats> reviewers, AlertFigures alerts, IncidentFigures incidents) {

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
