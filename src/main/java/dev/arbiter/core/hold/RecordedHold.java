package dev.arbiter.core.hold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Reads a legal hold back from its signed ledger entries, so that editing or deleting a {@code legal_hold} row
 * cannot lift a hold: the entry's body is hashed into the chain and the signed checkpoints, the table is not.
 */
final class RecordedHold {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordedHold() {
    }

    /**
     * Applies one hold entry's body to {@code holds} (by id): a placed hold is added active, a released one marked
     * released. A body that does not read as a hold entry is skipped (the chain verifier reports altered bodies).
     */
    static void apply(Map<Long, LegalHold> holds, String event, String body) {
        try {
            JsonNode entry = JSON.readTree(body);
            JsonNode detail = JSON.readTree(entry.path("detail").asText("{}"));
            long id = detail.path("hold").asLong(-1);
            if (id < 0) {
                return;
            }
            if (event.equals(LegalHolds.PLACED)) {
                JsonNode to = detail.path("to_seq");
                String agent = entry.path("agent_id").isTextual() ? entry.path("agent_id").asText() : null;
                holds.put(id, new LegalHold(id, agent, detail.path("from_seq").asLong(1),
                        to.isNumber() ? to.asLong() : Long.MAX_VALUE, detail.path("reason").asText(""),
                        entry.path("timestamp").asText(""), entry.path("actor").asText(""), null));
            } else {
                holds.computeIfPresent(id, (k, h) -> new LegalHold(h.id(), h.agentId(), h.fromSeq(), h.toSeq(),
                        h.reason(), h.createdAt(), h.createdBy(), entry.path("timestamp").asText("released")));
            }
        } catch (java.io.IOException e) {
            // Not JSON: the chain verifier names the altered entry; the table's hold still applies.
        }
    }
}
