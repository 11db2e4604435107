package dev.arbiter.core.evidence;

import dev.arbiter.core.evidence.BlockHasher.Hashed;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Verifies the entries files of a v4 bundle ({@link Members}: file {@code i} holds lines {@code i × perFile + 1}
 * to {@code (i + 1) × perFile} of the range, the last file the rest) against a {@link RangeProof} and a
 * checkpoint's root, with the same checks as {@link EntryLines} for one file. Each file is inflated and hashed by
 * one thread a core, so inflating (the one stage a single deflated stream cannot share out) runs on every core too;
 * the caller's thread folds the files in order ({@link ChainFold}) and checks that every file but the last holds
 * exactly {@link Members#perFile()} lines, so that how the lines are split over the files is fixed as well. At
 * most {@code cores + 2} files are in flight, each holding one block of about {@code block} bytes while it is read
 * and its leaf hashes. Every thread it starts has ended when it returns.
 */
final class EntryFiles {

    /** The entries files of a v4 bundle, in order. */
    interface Members {

        /** How many files the bundle holds (the caller checked it is the count the range needs). */
        int count();

        /** How many lines every file but the last holds. */
        int perFile();

        /** The file's name, for messages. */
        String name(int index);

        /** Opens file {@code index}; called from the hashing threads, each file once. */
        InputStream open(int index) throws IOException;
    }

    private EntryFiles() {
    }

    /**
     * Reads every file to its end (unless a problem stops it first), showing each good line to {@code scan} (on
     * the hashing threads).
     *
     * @param root the signed checkpoint's root the range must fold to
     * @param block the size in bytes of the blocks each file is read in ({@value LineBlocks#BLOCK}; tests use
     *        small ones)
     * @throws IOException when a file cannot be read (a problem with the bytes is a result, not this)
     */
    static EntriesResult verify(Members members, RangeProof proof, byte[] root, int block, LineScan scan)
            throws IOException {
        int perFile = members.perFile();
        return ChainFold.open(proof, root, line -> "line " + ((line - 1) % perFile + 1) + " of "
                + members.name((int) ((line - 1) / perFile)), "arbiter-bundle-member", (fold, threads) -> {
            ArrayDeque<CompletableFuture<List<Hashed>>> inFlight = new ArrayDeque<>();
            AtomicBoolean stop = new AtomicBoolean();
            int submitted = 0;
            try {
                for (int i = 0; i < members.count(); i++) {
                    while (submitted < members.count() && inFlight.size() < threads.cores() + 2) {
                        int index = submitted++;
                        inFlight.add(threads.submit(() -> hashFile(members, index, block, stop, scan)));
                    }
                    long before = fold.lines();
                    for (Hashed h : VerifyThreads.done(inFlight.remove())) {
                        Optional<EntriesResult> problem = fold.accept(h);
                        if (problem.isPresent()) {
                            return problem.get();
                        }
                    }
                    long held = fold.lines() - before;
                    if (i < members.count() - 1 && held != perFile) {
                        return EntriesResult.problem(members.name(i) + " holds " + held + " entries, but every "
                                + "entries file but the last holds exactly " + perFile + " (this one entries #"
                                + (fold.firstSeq() + (long) i * perFile) + " to #" + (fold.firstSeq()
                                + (long) (i + 1) * perFile - 1) + "): entries were removed, added or moved between "
                                + "files.", fold.lines());
                    }
                }
                return fold.finish();
            } finally {
                stop.set(true); // the files still in flight end at their next block
            }
        });
    }

    /** Inflates and hashes one file in blocks of whole lines, on a hashing thread; stops at its first problem. */
    private static List<Hashed> hashFile(Members members, int index, int block, AtomicBoolean stop, LineScan scan) {
        List<Hashed> out = new ArrayList<>();
        try (InputStream in = members.open(index)) {
            // Each block is hashed before the next is read, so one buffer serves the whole file.
            LineBlocks blocks = new LineBlocks(in, block, true);
            for (LineBlocks.Block b = blocks.next(); b != null && !stop.get(); b = blocks.next()) {
                Hashed h = BlockHasher.hash(b, scan);
                out.add(h);
                if (h.fault() != null) {
                    break;
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(members.name(index) + ": " + e.getMessage(), e));
        }
    }
}
