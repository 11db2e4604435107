package dev.arbiter.core.evidence;

import dev.arbiter.core.evidence.BlockHasher.Fault;
import dev.arbiter.core.evidence.BlockHasher.Hashed;
import dev.arbiter.core.evidence.BlockHasher.Kind;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Takes the hashed blocks of a range's entries in file order ({@link BlockHasher}), checks what no single block
 * can (that its first line holds the entry that comes next and names the hash of the line before it, that no line
 * is past the range), and folds the leaves into the range's {@link CompactRange}: after the last block, the range
 * proof must lead to the signed root. Runs on the verify's calling thread.
 */
final class ChainFold {

    /** The body of a verify, given the fold and the hashing threads ({@link #open}). */
    @FunctionalInterface
    interface Pass {
        EntriesResult run(ChainFold fold, VerifyThreads threads) throws IOException;
    }

    private final RangeProof proof;
    private final byte[] root;
    private final CompactRange tree;
    private final LongFunction<String> lineName;
    private long seq;
    private long line;
    private byte[] previousHex;

    private ChainFold(RangeProof proof, byte[] root, CompactRange tree, LongFunction<String> lineName) {
        this.proof = proof;
        this.root = root;
        this.tree = tree;
        this.lineName = lineName;
        this.seq = proof.firstSeq();
    }

    /**
     * The opening both entries formats share: seeds the range with the proof's left subtrees (a malformed proof is
     * the result, not an exception), starts one hashing thread a core named {@code threadName}, runs {@code pass}
     * and ends every thread it started before returning.
     *
     * @param root the signed checkpoint's root the range must fold to
     * @param lineName names line {@code n} (from 1, counted over the range) in messages, e.g. "line 5 of
     *        entries-000001.jsonl"
     * @throws IOException when the entries cannot be read (a problem with their bytes is the result, not this)
     */
    static EntriesResult open(RangeProof proof, byte[] root, LongFunction<String> lineName, String threadName,
                              Pass pass) throws IOException {
        CompactRange tree;
        try {
            tree = proof.start();
        } catch (IllegalArgumentException e) {
            return EntriesResult.problem("The range proof is malformed: " + e.getMessage() + ".", 0);
        }
        try (VerifyThreads threads = new VerifyThreads(threadName)) {
            return pass.run(new ChainFold(proof, root, tree, lineName), threads);
        }
    }

    /** How many lines were folded. */
    long lines() {
        return line;
    }

    /** The first seq of the range: the entry line 1 holds. */
    long firstSeq() {
        return proof.firstSeq();
    }

    /** Folds the next block; the problem that ends the verify, if it has one. */
    Optional<EntriesResult> accept(Hashed h) {
        Fault fault = h.fault();
        int looked = h.lines() + (fault == null ? 0 : 1);
        if (looked > 0 && (fault == null || fault.line() > 0)) {
            // The block's first line passed its own checks; only here is it known which entry it must be.
            if (h.firstStated() != seq) {
                fault = new Fault(0, Kind.WRONG_SEQ, h.firstStated());
            } else if (previousHex != null && !Arrays.equals(h.firstPrev(), previousHex)) {
                fault = new Fault(0, Kind.BAD_LINK, seq);
            }
        } else if (fault != null && fault.line() == 0 && fault.kind() == Kind.NO_PREV && fault.stated() != seq) {
            fault = new Fault(0, Kind.WRONG_SEQ, fault.stated()); // the seq is checked before the prev_hash
        }
        long past = proof.lastSeq() + 1 - seq;
        if (past < looked && (fault == null || past <= fault.line())) {
            return Optional.of(EntriesResult.problem(capital(lineName.apply(line + past + 1)) + " is past the last "
                    + "entry the range proof covers (#" + proof.lastSeq() + "): entries were added.", line + past));
        }
        if (fault != null) {
            return Optional.of(EntriesResult.problem(describe(fault, lineName.apply(line + fault.line() + 1),
                    seq + fault.line()), line + fault.line()));
        }
        tree.appendLeaves(h.leaves(), 0, h.lines());
        seq += h.lines();
        line += h.lines();
        if (h.lines() > 0) {
            previousHex = h.lastHex();
        }
        return Optional.empty();
    }

    /** After the last block: every entry of the range was there, and they fold to the signed root. */
    EntriesResult finish() {
        if (seq <= proof.lastSeq()) {
            return EntriesResult.problem("The entries file ends before entry #" + seq + ", but the range proof covers #"
                    + proof.firstSeq() + " to #" + proof.lastSeq() + ": entries were removed.", line);
        }
        byte[] folded;
        try {
            folded = proof.finish(tree);
        } catch (IllegalArgumentException e) {
            return EntriesResult.problem("The range proof is malformed: " + e.getMessage() + ".", line);
        }
        if (!Arrays.equals(folded, root)) {
            return EntriesResult.problem("Entries #" + proof.firstSeq() + " to #" + proof.lastSeq() + " are not the "
                    + "entries the signed checkpoint of " + proof.treeSize() + " entries covers: entry #"
                    + proof.lastSeq() + " or the range proof was altered, or the checkpoint is not this ledger's.",
                    line);
        }
        return new EntriesResult(Optional.empty(), line);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String describe(Fault fault, String line, long seq) {
        return switch (fault.kind()) {
            case NOT_ENTRY -> capital(line) + " is not a ledger entry (it does not start with {\"seq\":): the "
                    + "entries file was altered.";
            case WRONG_SEQ -> capital(line) + " holds entry #" + (fault.stated() < 0 ? "?" : Long.toString(
                    fault.stated())) + " where entry #" + seq + " belongs: entries were removed, inserted or "
                    + "reordered.";
            case NO_PREV -> "Entry #" + seq + " (" + line + ") has no prev_hash: it was altered.";
            case BAD_LINK -> "Entry #" + seq + " (" + line + ") does not name the hash of entry #" + (seq - 1)
                    + " as its prev_hash: entry #" + (seq - 1) + " or #" + seq + " was altered.";
            case UNTERMINATED -> capital(line) + " (entry #" + seq + ") does not end with a line feed: the "
                    + "entries file was cut short or bytes were added after its last entry.";
        };
    }
}
