package dev.arbiter.core.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.audit.AuditTime;
import java.time.Instant;

/**
 * The shared counters as one decision's checks saw them inside the ledger writer's transaction,
 * recorded in the decision's entry as {@code detail.counters} so that a replay re-decides it
 * exactly (issue 19 "the same rate-limit and budget state as then"), whatever other callers,
 * processes or clocks did around it. Only what was read is recorded: a field is null when no
 * check needed it (no limit set, or an earlier check refused first).
 *
 * @param tokensToday        the agent's tokens of the UTC day, this request's included (what the budget compared)
 * @param usdToday           the same in US dollars
 * @param actionsInMinute    accepted actions in the minute before this one ({@code rate_bucket}), counted up to
 *                           the largest limit checked; null when not counted
 * @param escalationsInHour  escalations in the hour before this one, likewise; null when not counted
 * @param autonomousActions  actions without a human review before this one; null when autonomy was not checked
 * @param autonomousSince    when the first of those was; null when none (or not checked)
 */
public record CountersSeen(long tokensToday, double usdToday, Integer actionsInMinute, Integer escalationsInHour,
                           Long autonomousActions, Instant autonomousSince) {

    /** The detail member's name. */
    public static final String FIELD = "counters";

    /** This view as the JSON object member {@code "counters":{…}} (see {@link dev.arbiter.core.audit.DetailAddition}). */
    String member() {
        StringBuilder b = new StringBuilder(128).append('"').append(FIELD).append("\":{\"tokens_today\":")
                .append(tokensToday).append(",\"usd_today\":").append(Double.isFinite(usdToday) ? usdToday
                        : Double.MAX_VALUE);
        if (actionsInMinute != null) {
            b.append(",\"actions_minute\":").append(actionsInMinute);
        }
        if (escalationsInHour != null) {
            b.append(",\"escalations_hour\":").append(escalationsInHour);
        }
        if (autonomousActions != null) {
            b.append(",\"autonomous\":").append(autonomousActions);
            if (autonomousSince != null) {
                b.append(",\"autonomous_since\":\"").append(AuditTime.format(autonomousSince)).append('"');
            }
        }
        return b.append('}').toString();
    }

    /** Reads {@code detail.counters}; null when the entry has none (written before issue 19's record) or it is unreadable. */
    public static CountersSeen read(JsonNode counters) {
        if (counters == null || !counters.isObject() || !counters.path("tokens_today").isIntegralNumber()
                || !counters.path("usd_today").isNumber()) {
            return null;
        }
        try {
            JsonNode since = counters.path("autonomous_since");
            return new CountersSeen(counters.get("tokens_today").asLong(), counters.get("usd_today").asDouble(),
                    counters.path("actions_minute").isInt() ? counters.get("actions_minute").asInt() : null,
                    counters.path("escalations_hour").isInt() ? counters.get("escalations_hour").asInt() : null,
                    counters.path("autonomous").isIntegralNumber() ? counters.get("autonomous").asLong() : null,
                    since.isTextual() ? AuditTime.parse(since.asText()) : null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
