package dev.arbiter.core.audit;

/** The outcome of checking the hash chain. */
public sealed interface VerificationResult {

    long checked();

    /** Every entry links to the one before it, and the head anchor's entry is present. */
    record Intact(long checked, long headSeq) implements VerificationResult {
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
        return i.checked() == 0 ? "The ledger is empty."
                : "Chain intact: " + i.checked() + " entries verified, head #" + i.headSeq() + ".";
    }
}
