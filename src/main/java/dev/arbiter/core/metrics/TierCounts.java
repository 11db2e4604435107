package dev.arbiter.core.metrics;

/**
 * One agent's decisions in a month by outcome (the guide's "escalations vs autonomous actions"):
 * autonomous, supervised and gated answers (a gated one waited for a person), and denials of any tier.
 */
public record TierCounts(String agentId, long autonomous, long supervised, long gated, long denied) {

    public long total() {
        return autonomous + supervised + gated + denied;
    }

    /** Autonomous share of all decisions, 0 to 1 (0 when there were none). */
    public double autonomousShare() {
        return total() == 0 ? 0 : (double) autonomous / total();
    }

    /** Supervised and gated share, 0 to 1: how much went to a person. */
    public double escalatedShare() {
        return total() == 0 ? 0 : (double) (supervised + gated) / total();
    }

    TierCounts plus(String tier, String decision, long n) {
        if ("deny".equals(decision)) {
            return new TierCounts(agentId, autonomous, supervised, gated, denied + n);
        }
        return switch (tier == null ? "" : tier) {
            case "supervised" -> new TierCounts(agentId, autonomous, supervised + n, gated, denied);
            case "gated" -> new TierCounts(agentId, autonomous, supervised, gated + n, denied);
            default -> new TierCounts(agentId, autonomous + n, supervised, gated, denied);
        };
    }
}
