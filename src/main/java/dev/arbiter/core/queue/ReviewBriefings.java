package dev.arbiter.core.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.ActionRequest;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.RiskScore;
import dev.arbiter.core.decision.RiskScorer;
import dev.arbiter.core.policy.RiskWeights;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.store.Database;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Gathers a {@link ReviewBriefing} for a queued action: what the queue holds,
 * what the agent sent (from the decision's audit entry: the ledger is the one
 * place that keeps tools and target), the risk factors the engine recorded with
 * the decision, and the agent's record. Read-only.
 */
public final class ReviewBriefings {

    /** How many of the agent's previous decisions a briefing shows. */
    public static final int RECENT = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database database;
    private final EscalationQueue queue;
    private final AuditReader reader;
    private final PolicyRegistry policies;
    private final AgentRegistry agents;
    private final RiskScorer scorer = new RiskScorer();

    public ReviewBriefings(Database database, EscalationQueue queue, AuditReader reader, PolicyRegistry policies,
                           AgentRegistry agents) {
        this.database = database;
        this.queue = queue;
        this.reader = reader;
        this.policies = policies;
        this.agents = agents;
    }

    /** The briefing for {@code traceId}; empty when no such action was queued. */
    public Optional<ReviewBriefing> briefing(String traceId) {
        return queue.find(traceId).map(this::briefing);
    }

    public ReviewBriefing briefing(QueueItem item) {
        AuditEntry asked = reader.forTrace(item.traceId()).stream().map(LedgerEntry::entry)
                .filter(e -> "decision".equals(e.event())).findFirst().orElse(null);
        JsonNode detail = asked == null ? null : detailOf(asked.detail());
        String target = detail != null && detail.path("target").isTextual() ? detail.get("target").asText() : null;
        ActionContext context = item.context();
        RiskScore risk = detail == null ? null : recordedRisk(detail.get(DecisionEngine.RISK_FACTORS), item);
        if (risk == null && item.policyName() != null && item.policyVersion() != null) {
            // an entry written before factors were recorded: score again under the same immutable version
            ActionRequest request = new ActionRequest(item.action(), context.amountUsd(), context.dataClasses(),
                    item.confidence(), target, context.reversible());
            risk = policies.compiled(item.policyName(), item.policyVersion())
                    .map(p -> scorer.score(p, request)).orElse(null);
        }
        List<RecentAction> recent = reader.newest(new AuditQuery(null, null, item.agentId(), "decision", null),
                        RECENT + 1).stream().map(LedgerEntry::entry)
                .filter(e -> !item.traceId().equals(e.traceId()))
                .limit(RECENT)
                .map(this::withReview)
                .toList();
        ReviewTally tally = database.read(c -> QueueStore.tally(c, item.agentId()));
        return new ReviewBriefing(item, context, asked == null ? List.of() : asked.toolsUsed(), target,
                asked == null ? null : asked.tokensConsumed(), risk, agents.find(item.agentId()).orElse(null),
                recent, tally);
    }

    /** The entry with its queue item when it was escalated: the ledger's "pending" is what the agent was told then. */
    private RecentAction withReview(AuditEntry entry) {
        boolean escalated = "pending".equals(entry.decision()) || "supervised".equals(entry.tier())
                || "gated".equals(entry.tier());
        return new RecentAction(entry, escalated && entry.traceId() != null
                ? queue.find(entry.traceId()).orElse(null) : null);
    }

    private static JsonNode detailOf(String detail) {
        if (detail == null) {
            return null;
        }
        try {
            return JSON.readTree(detail);
        } catch (IOException e) {
            return null;
        }
    }

    /** The factors the engine recorded with the decision; null when it recorded none. */
    private static RiskScore recordedRisk(JsonNode factors, QueueItem item) {
        if (factors == null || !factors.isObject() || item.riskScore() == null) {
            return null;
        }
        JsonNode w = factors.path("weights");
        return new RiskScore(item.riskScore(), factors.path("reversibility").asDouble(),
                factors.path("financial").asDouble(), factors.path("data_sensitivity").asDouble(),
                factors.path("regulatory").asDouble(), new RiskWeights(w.path("reversibility").asDouble(),
                w.path("financial").asDouble(), w.path("data_sensitivity").asDouble(),
                w.path("regulatory").asDouble()));
    }
}
