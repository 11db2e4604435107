package dev.arbiter.core.erasure;

import dev.arbiter.core.hold.LegalHold;
import java.util.List;

/**
 * What {@link SubjectErasure#erase} did.
 *
 * @param entries     entries whose personal fields were erased (≥ 0)
 * @param fields      personal fields erased across them (≥ 0)
 * @param heldEntries entries kept because an active legal hold covers them (GDPR Art. 17(3)(e))
 * @param holds       the holds that kept them
 * @param recordedAs  the seq of the {@code audit.erasure} entry recording the erasure
 * @param scrubbed    false when another process held the SQLite journal, so an older copy of an erased page may
 *                    remain in it until its next checkpoint
 */
public record ErasureResult(int entries, int fields, int heldEntries, List<LegalHold> holds, long recordedAs,
                            boolean scrubbed) {

    public ErasureResult {
        holds = List.copyOf(holds);
    }
}
