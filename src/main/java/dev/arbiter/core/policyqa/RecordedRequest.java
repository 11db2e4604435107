package dev.arbiter.core.policyqa;

import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.CountersSeen;
import dev.arbiter.core.decision.Verdict;
import dev.arbiter.core.policy.RiskTier;
import java.io.IOException;
import java.time.Instant;

/**
 * A decision entry of the ledger read back as the request that was asked and
 * the answer that was given. The request is what the decision engine writes
 * into every decision entry: the action (the spelling sent when it differed),
 * {@code tokens_consumed}, and in the detail {@code confidence}, {@code target},
 * {@code cost_usd}, the request's {@code context} ({@code amount_usd},
 * {@code data_classes}, {@code reversible}) and the {@code counters} it was judged against.
 * The detail is read in one pass ({@link StoredDetail}).
 *
 * @param policyVersion the version that decided; null when the agent had no policy
 * @param counters      the counters the decision was judged against ({@code detail.counters}); null in
 *                      entries written before they were recorded
 */
public record RecordedRequest(long seq, String traceId, Instant at, ModelRequest request, String policy,
                              Integer policyVersion, Verdict verdict, RiskTier tier, String reasonCode,
                              String reason, CountersSeen counters) {

    /** Reads a {@code decision} entry; null when it is not one or cannot be read (it is then not replayed). */
    public static RecordedRequest of(long seq, AuditEntry e) {
        if (!"decision".equals(e.event())) {
            return null;
        }
        return of(seq, e.traceId(), e.timestamp(), e.agentId(), e.action(), e.tokensConsumed(), e.decision(),
                e.tier(), e.reasonCode(), e.detail());
    }

    /** Reads a decision from a stored body's fields; null when it cannot be read. */
    static RecordedRequest of(long seq, StoredBody b) {
        if (b.agentId() == null || b.action() == null || b.decision() == null || b.at() == null) {
            return null;
        }
        try {
            return of(seq, b.traceId(), b.at(), b.agentId(), b.action(), b.tokens(), b.decision(), b.tier(),
                    b.reasonCode(), b.detail() == null ? new StoredDetail() : b.detail());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static RecordedRequest of(long seq, String traceId, Instant at, String agentId, String action,
                                      Long tokens, String decision, String tier, String reasonCode, String detail) {
        if (agentId == null || action == null || decision == null || at == null) {
            return null;
        }
        try {
            return of(seq, traceId, at, agentId, action, tokens, decision, tier, reasonCode, StoredDetail.read(detail));
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static RecordedRequest of(long seq, String traceId, Instant at, String agentId, String action,
                                      Long tokens, String decision, String tier, String reasonCode, StoredDetail d) {
        ModelRequest request = new ModelRequest(agentId, new ActionRequest(d.actionSent != null ? d.actionSent
                : action, d.amount, d.classes, d.confidence, d.target, d.reversible), tokens, d.cost);
        return new RecordedRequest(seq, traceId, at, request, d.policy, d.version, verdict(decision), tier(tier),
                reasonCode, d.reason, d.counters);
    }

    /** The ledger's spelling without a case fold (a replay reads one a decision); any other through the enum. */
    private static Verdict verdict(String wire) {
        return switch (wire) {
            case "allow" -> Verdict.ALLOW;
            case "deny" -> Verdict.DENY;
            case "pending" -> Verdict.PENDING;
            default -> Verdict.fromWire(wire);
        };
    }

    private static RiskTier tier(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "autonomous" -> RiskTier.AUTONOMOUS;
            case "supervised" -> RiskTier.SUPERVISED;
            case "gated" -> RiskTier.GATED;
            default -> RiskTier.parse(wire).orElse(null);
        };
    }
}
