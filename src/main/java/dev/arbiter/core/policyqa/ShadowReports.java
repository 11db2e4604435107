package dev.arbiter.core.policyqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.RiskTier;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Builds a {@link ShadowReport} from the ledger: each {@code decision} entry whose detail holds a
 * {@code shadow} object (written by the decision engine for an agent with a version in shadow)
 * is compared with the shadow's answer by the same rules as a replay ({@link ChangeKind}). Reads
 * only; nothing is re-evaluated, so the report shows what the shadow said then, with the
 * counters as they stood then. The shadow object is read in each form the engine writes: in full,
 * as {@code "agrees":true} (the shadow answered with the entry's own reason code and tier, so
 * nothing changes), or with an {@code error}; ledgers written before the short form hold only the
 * full one.
 */
public final class ShadowReports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditReader reader;

    public ShadowReports(AuditReader reader) {
        this.reader = reader;
    }

    /** The report over {@code from}..{@code to} (inclusive, null = open), of one agent or (null) all. */
    public ShadowReport run(String agentId, Instant from, Instant to) {
        return run(agentId, null, null, from, to);
    }

    /**
     * The report of one shadow version ({@code policy} v{@code version}) over {@code from}..{@code to},
     * all agents: what that version said while it was in shadow (the activation preview's second half).
     */
    public ShadowReport ofVersion(String policy, int version, Instant from, Instant to) {
        return run(null, policy, version, from, to);
    }

    private ShadowReport run(String agentId, String policy, Integer version, Instant from, Instant to) {
        Set<String> shadows = new LinkedHashSet<>();
        ChangeTally changes = new ChangeTally(null);
        long[] counts = new long[2];
        reader.forEach(new AuditQuery(from, to, agentId, "decision", null), le -> {
            AuditEntry e = le.entry();
            if (e.detail() == null || !e.detail().contains("\"" + DecisionEngine.SHADOW + "\"")) {
                return;
            }
            JsonNode shadow = shadowOf(e.detail());
            RecordedRequest recorded = RecordedRequest.of(le.seq(), e);
            if (shadow == null || recorded == null || policy != null && !(policy.equals(shadow.path("policy")
                    .asText()) && version == shadow.path("version").asInt(-1))) {
                return;
            }
            counts[0]++;
            shadows.add(shadow.path("policy").asText("?") + " v" + shadow.path("version").asText("?"));
            if (shadow.path(DecisionEngine.SHADOW_AGREES).asBoolean(false) && !shadow.has("error")) {
                return; // the shadow answered as the entry records: no change
            }
            ModelDecision said = answerOf(shadow);
            if (said == null) {
                counts[1]++;
                return;
            }
            ChangeKind kind = ChangeKind.of(recorded.verdict(), recorded.tier(), recorded.reasonCode(), said);
            if (kind != null) {
                changes.add(new ChangedDecision(recorded, said, kind));
            }
        });
        return new ShadowReport(agentId, from, to, shadows, counts[0], counts[1], changes.counts(),
                changes.examples());
    }

    private static JsonNode shadowOf(String detail) {
        try {
            JsonNode s = JSON.readTree(detail).path(DecisionEngine.SHADOW);
            return s.isObject() ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The shadow's answer; null when it recorded a failure or cannot be read. */
    private static ModelDecision answerOf(JsonNode s) {
        if (s.has("error") || !s.path("reason_code").isTextual()) {
            return null;
        }
        try {
            ReasonCode code = ReasonCode.valueOf(s.get("reason_code").asText());
            RiskTier tier = s.path("tier").isTextual() ? RiskTier.parse(s.get("tier").asText()).orElse(null) : null;
            return new ModelDecision(code.verdict(), code, tier, null, s.path("reason").asText(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
