package dev.arbiter.core.audit;

import java.util.List;

/** The outcome of checking the hash chain. */
public sealed interface VerificationResult {

    long checked();

    /**
     * Every entry links to the one before it, the pruned part is proven by its archives, and the head
     * anchor's entry is present. {@code notes} are things a person should still know, one sentence each
     * (e.g. a recorded reset of the head anchor).
     */
    record Intact(long checked, long headSeq, List<String> notes) implements VerificationResult {

        public Intact {
            notes = List.copyOf(notes);
        }

        public Intact(long checked, long headSeq) {
            this(checked, headSeq, List.of());
        }
    }

    /** The first problem found, naming the entry. */
    record Broken(long checked, long seq, String problem) implements VerificationResult {
    }

    default boolean intact() {
        return this instanceof Intact;
    }

    default String describe() {
        if (this instanceof Broken b) {
            return b.problem();
        }
        Intact i = (Intact) this;
        String outcome = i.checked() == 0 ? "The ledger is empty."
                : "Chain intact: " + i.checked() + " entries verified, head #" + i.headSeq() + ".";
        return i.notes().isEmpty() ? outcome : outcome + "\n" + String.join("\n", i.notes());
    }
}
