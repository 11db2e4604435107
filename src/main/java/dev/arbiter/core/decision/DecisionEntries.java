package dev.arbiter.core.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.policy.DailyBudget;
import dev.arbiter.core.policy.RiskTier;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit entries of the decision engine, and the way back from a {@code decision} entry to its
 * {@link Decision}: what a decision, an outcome and a budget alert record, field by field. One place, so that
 * what is written and what is read back (a restart, another gateway, {@code core.policyqa}'s replay) agree.
 */
final class DecisionEntries {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEntries.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionEntries() {
    }

    /**
     * The decision's entry: the request as recorded ({@code r}, context already masked), the decision, the risk
     * score behind it (null when no policy was evaluated) and the data subject read from the request (or null).
     * The risk factors are added only to a decision that waits for a person, who is shown what made the score.
     */
    static AuditEntry decision(DecisionRequest r, Decision d, RiskScore risk, String subject) {
        List<Object> detail = new ArrayList<>(16);
        detail.add("reason");
        detail.add(d.reason());
        if (!d.action().equals(r.action())) {
            detail.add("action_sent");
            detail.add(r.action());
        }
        if (d.policy() != null) {
            detail.add("policy");
            detail.add(d.policy());
            detail.add("policy_version");
            detail.add(d.policyVersion());
        }
        if (r.confidence() != null) {
            detail.add("confidence");
            detail.add(r.confidence());
        }
        if (r.target() != null) {
            detail.add("target");
            detail.add(r.target());
        }
        if (r.costUsd() != null) {
            detail.add("cost_usd");
            detail.add(r.costUsd());
        }
        if (r.contextJson() != null) {
            detail.add("context");
            detail.add(new RawValue(r.contextJson()));
        } else if (r.amountUsd() != null || !r.dataClasses().isEmpty() || r.reversible() != null) {
            // a caller without the agent's JSON (MCP, the simulator): what risk scoring read, so that a
            // replay (core.policyqa) can re-decide the request from its entry alone
            detail.add("context");
            detail.add(scoredContext(r));
        }
        if (d.reviewDue() != null) {
            detail.add("review_due");
            detail.add(d.reviewDue().toString());
            if (risk != null) {
                // a reviewer is shown what made the score; autonomous decisions (the hot path) stay lean
                detail.add(DecisionEngine.RISK_FACTORS);
                detail.add(riskFactors(risk));
            }
        }
        return AuditEntry.of("decision").timestamp(d.decidedAt()).traceId(d.traceId()).agentId(d.agentId())
                .sessionId(r.sessionId()).action(d.action()).inputSummary(r.inputSummary()).reasoning(r.reasoning())
                .toolsUsed(r.toolsUsed()).tokensConsumed(r.tokensConsumed()).riskScore(d.riskScore())
                .decision(d.verdict().wireName()).tier(d.tier() == null ? null : d.tier().wireName())
                .reasonCode(d.reasonCode().name()).actor(DecisionEngine.ACTOR)
                .detail(AuditDetail.of(detail.toArray())).subjectId(subject)
                .build();
    }

    /** The request's context as risk scoring read it: {@code amount_usd}, {@code data_classes}, {@code reversible}. */
    private static Map<String, Object> scoredContext(DecisionRequest r) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (r.amountUsd() != null) {
            context.put("amount_usd", r.amountUsd());
        }
        if (!r.dataClasses().isEmpty()) {
            context.put("data_classes", r.dataClasses().stream().map(Object::toString).sorted().toList());
        }
        if (r.reversible() != null) {
            context.put("reversible", r.reversible());
        }
        return context;
    }

    /** The four risk factors (0 to 1) and the weights that combined them into the score. */
    private static Map<String, Object> riskFactors(RiskScore risk) {
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("reversibility", risk.weights().reversibility());
        weights.put("financial", risk.weights().financial());
        weights.put("data_sensitivity", risk.weights().dataSensitivity());
        weights.put("regulatory", risk.weights().regulatory());
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("reversibility", risk.reversibility());
        factors.put("financial", risk.financial());
        factors.put("data_sensitivity", risk.dataSensitivity());
        factors.put("regulatory", risk.regulatory());
        factors.put("weights", weights);
        return factors;
    }

    /** The entry of what happened when the allowed {@code decision}'s action ran, at {@code now}. */
    static AuditEntry outcome(Decision decision, Outcome outcome, Instant now) {
        return AuditEntry.of("action.outcome").timestamp(now).traceId(decision.traceId())
                .agentId(decision.agentId()).sessionId(decision.sessionId()).action(decision.action())
                .output(outcome.outputJson()).latencyMs(outcome.latencyMs()).tokensConsumed(outcome.tokensConsumed())
                .humanOverride(decision.reviewer() != null && !Escalations.SYSTEM_ACTOR.equals(decision.reviewer()))
                .riskScore(decision.riskScore()).decision(decision.verdict().wireName())
                .tier(decision.tier() == null ? null : decision.tier().wireName())
                .reasonCode(decision.reasonCode().name()).actor("agent:" + decision.agentId())
                .detail(outcome.costUsd() == null ? null : AuditDetail.of("cost_usd", outcome.costUsd()))
                .build();
    }

    /** The entry that says {@code agentId} has spent the alert share of its daily {@code budget}. */
    static AuditEntry budgetAlert(String agentId, DailyBudget budget, Spent spent) {
        return AuditEntry.of("budget.alert").agentId(agentId).actor(DecisionEngine.ACTOR)
                .detail(AuditDetail.of("alert_at_percent", budget.alertPercent(), "daily_tokens", budget.tokens(),
                        "tokens_today", spent.tokens(),
                        "daily_cost_usd", budget.costUsd() == null ? null : budget.costUsd().toPlainString(),
                        "cost_today_usd", Decimals.round2(spent.costUsd())))
                .build();
    }

    /**
     * The decision a {@code decision} entry records, as {@link #decision} wrote it. A detail that cannot be read
     * leaves reason, policy and review due empty (logged) rather than losing the decision.
     */
    static Decision decisionOf(AuditEntry e) {
        String reason = null;
        String policy = null;
        Integer version = null;
        Instant due = null;
        if (e.detail() != null) {
            try {
                JsonNode d = JSON.readTree(e.detail());
                reason = d.path("reason").isTextual() ? d.get("reason").asText() : null;
                policy = d.path("policy").isTextual() ? d.get("policy").asText() : null;
                version = d.path("policy_version").isInt() ? d.get("policy_version").asInt() : null;
                due = d.path("review_due").isTextual() ? Instant.parse(d.get("review_due").asText()) : null;
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Decision {} has an unreadable detail: {}", e.traceId(), ex.getMessage());
            }
        }
        return new Decision(e.traceId(), e.agentId(), e.sessionId(), e.action(), Verdict.fromWire(e.decision()),
                RiskTier.parse(e.tier()).orElse(null), e.riskScore(), ReasonCode.valueOf(e.reasonCode()), reason,
                policy, version, e.timestamp(), due, null, null);
    }
}
