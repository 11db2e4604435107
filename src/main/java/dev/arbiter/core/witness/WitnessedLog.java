package dev.arbiter.core.witness;

import java.util.List;
import java.util.Optional;

/**
 * A log this workspace witnesses, and the newest checkpoint it cosigned for it.
 *
 * @param origin     the log's origin line (its {@code audit.ledger.origin})
 * @param size       entries in the newest cosigned checkpoint; 0 before the first cosignature
 * @param checkpoint that checkpoint's note with this witness's cosignature; empty before the first
 * @param keys       the log's trusted verifier keys (name+id+base64), at least one
 * @param updatedAt  when it was followed or last cosigned (ISO-8601 UTC)
 */
public record WitnessedLog(String origin, long size, Optional<String> checkpoint, List<String> keys,
                           String updatedAt) {

    public WitnessedLog {
        keys = List.copyOf(keys);
    }
}
