package dev.arbiter.core.audit;

import java.time.Instant;
import java.util.List;

/**
 * What is written to the ledger: the fields of the guide's audit entry plus
 * Arbiter's {@code event, decision, tier, reason_code, actor} and a free JSON
 * {@code detail} for event-specific facts (a kill switch reason, a review note).
 * {@code output} and {@code detail} are JSON text, kept verbatim so that the
 * hash covers exactly what was stored.
 *
 * <p>{@code subjectId} names the data subject (GDPR Art. 4(1)) the entry is about, or null. When it is given,
 * the entry's personal fields ({@link PersonalData#FIELDS}) are kept outside the hashed body, which holds only
 * salted commitments to them, so that {@code arbiter audit erase --subject} can erase them later without
 * breaking a hash. It is never part of the hashed body itself.
 */
public record AuditEntry(
        String traceId,
        String agentId,
        String sessionId,
        Instant timestamp,
        String event,
        String action,
        String inputSummary,
        String reasoning,
        String output,
        List<String> toolsUsed,
        Long tokensConsumed,
        Long latencyMs,
        boolean humanOverride,
        Double riskScore,
        String decision,
        String tier,
        String reasonCode,
        String actor,
        String detail,
        String subjectId) {

    public AuditEntry {
        if (event == null || event.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an event type");
        }
        toolsUsed = toolsUsed == null ? List.of() : List.copyOf(toolsUsed);
        subjectId = subjectId == null || subjectId.isBlank() ? null : subjectId;
    }

    public static Builder of(String event) {
        return new Builder(event);
    }

    public AuditEntry withTimestamp(Instant at) {
        return new AuditEntry(traceId, agentId, sessionId, at, event, action, inputSummary, reasoning, output,
                toolsUsed, tokensConsumed, latencyMs, humanOverride, riskScore, decision, tier, reasonCode,
                actor, detail, subjectId);
    }

    /**
     * This entry with {@code members} (JSON object members without braces, see {@link DetailAddition})
     * appended to its detail object; a null detail becomes an object of them alone.
     */
    public AuditEntry withDetailMembers(String members) {
        if (members == null || members.isEmpty()) {
            return this;
        }
        String d = detail == null ? "{}" : detail.strip();
        if (!d.endsWith("}")) {
            throw new IllegalStateException("the detail of " + event + " is not a JSON object");
        }
        String body = d.substring(0, d.length() - 1).strip();
        String merged = body.equals("{") ? "{" + members + "}" : body + "," + members + "}";
        return new AuditEntry(traceId, agentId, sessionId, timestamp, event, action, inputSummary, reasoning, output,
                toolsUsed, tokensConsumed, latencyMs, humanOverride, riskScore, decision, tier, reasonCode,
                actor, merged, subjectId);
    }

    /** Builds entries field by field; most events fill only a few fields. */
    public static final class Builder {
        private final String event;
        private String traceId;
        private String agentId;
        private String sessionId;
        private Instant timestamp;
        private String action;
        private String inputSummary;
        private String reasoning;
        private String output;
        private List<String> toolsUsed;
        private Long tokensConsumed;
        private Long latencyMs;
        private boolean humanOverride;
        private Double riskScore;
        private String decision;
        private String tier;
        private String reasonCode;
        private String actor;
        private String detail;
        private String subjectId;

        private Builder(String event) {
            this.event = event;
        }

        public Builder traceId(String v) { traceId = v; return this; }
        public Builder agentId(String v) { agentId = v; return this; }
        public Builder sessionId(String v) { sessionId = v; return this; }
        public Builder timestamp(Instant v) { timestamp = v; return this; }
        public Builder action(String v) { action = v; return this; }
        public Builder inputSummary(String v) { inputSummary = v; return this; }
        public Builder reasoning(String v) { reasoning = v; return this; }
        public Builder output(String json) { output = json; return this; }
        public Builder toolsUsed(List<String> v) { toolsUsed = v; return this; }
        public Builder tokensConsumed(Long v) { tokensConsumed = v; return this; }
        public Builder latencyMs(Long v) { latencyMs = v; return this; }
        public Builder humanOverride(boolean v) { humanOverride = v; return this; }
        public Builder riskScore(Double v) { riskScore = v; return this; }
        public Builder decision(String v) { decision = v; return this; }
        public Builder tier(String v) { tier = v; return this; }
        public Builder reasonCode(String v) { reasonCode = v; return this; }
        public Builder actor(String v) { actor = v; return this; }
        public Builder detail(String json) { detail = json; return this; }
        /** The data subject the entry is about (see {@link AuditEntry}); null or blank: none. */
        public Builder subjectId(String v) { subjectId = v; return this; }

        public AuditEntry build() {
            return new AuditEntry(traceId, agentId, sessionId, timestamp, event, action, inputSummary, reasoning,
                    output, toolsUsed, tokensConsumed, latencyMs, humanOverride, riskScore, decision, tier,
                    reasonCode, actor, detail, subjectId);
        }
    }
}
