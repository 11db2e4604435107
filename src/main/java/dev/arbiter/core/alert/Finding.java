package dev.arbiter.core.alert;

import java.time.Instant;
import java.util.Map;

/** A rule crossed for an agent: the window, the evidence's seq range and first time, and the figures. */
record Finding(RuleKind rule, String agentId, Instant windowFrom, Instant windowTo, long firstSeq, long lastSeq,
               Instant firstAnomalyAt, String summary, Map<String, Object> figures) {
}
