package dev.arbiter.core.evidence;

import dev.arbiter.core.evidence.BlockHasher.Hashed;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Verifies one entries file (a v3 bundle's {@value EvidenceBundle#ENTRIES}, or an entries file given on its own:
 * one stored entry body a line, each line ended by a line feed and exactly the bytes its hash covers) against a
 * {@link RangeProof} and a checkpoint's root, in one streaming pass: each line must be the entry its position says
 * ({@code {"seq":N,"prev_hash":"…"}} first), name the hash of the line before it, and together with the proof's
 * subtrees the lines' hashes must fold to the signed root. Nothing after the last line feed is allowed, so the
 * lines determine every byte of the file.
 *
 * <p>One thread reads (and inflates) the file into blocks of whole lines ({@link LineBlocks}); one thread a core
 * hashes the blocks' lines and checks their headers ({@link BlockHasher}); the caller's thread takes the blocks back
 * in file order and folds them ({@link ChainFold}). At most {@code 2 × cores + 2} blocks of about
 * {@value LineBlocks#BLOCK} bytes are held at once, and a line may be at most {@value LineBlocks#MAX_LINE} bytes.
 * Every thread it starts has ended when it returns. A v4 bundle's files are verified by {@link EntryFiles}.
 */
final class EntryLines {

    private EntryLines() {
    }

    /**
     * Reads {@code in} to its end (unless a problem stops it first).
     *
     * @param root the signed checkpoint's root the range must fold to
     * @throws IOException when {@code in} cannot be read (a problem with the bytes is a result, not this)
     */
    static EntriesResult verify(InputStream in, RangeProof proof, byte[] root) throws IOException {
        return verify(in, proof, root, LineBlocks.BLOCK, LineScan.NONE);
    }

    /** As {@link #verify(InputStream, RangeProof, byte[])}, showing each good line to {@code scan}. */
    static EntriesResult verify(InputStream in, RangeProof proof, byte[] root, LineScan scan) throws IOException {
        return verify(in, proof, root, LineBlocks.BLOCK, scan);
    }

    /** As {@link #verify(InputStream, RangeProof, byte[])} with blocks of about {@code block} bytes (tests). */
    static EntriesResult verify(InputStream in, RangeProof proof, byte[] root, int block) throws IOException {
        return verify(in, proof, root, block, LineScan.NONE);
    }

    private static EntriesResult verify(InputStream in, RangeProof proof, byte[] root, int block, LineScan scan)
            throws IOException {
        return ChainFold.open(proof, root, line -> "line " + line, "arbiter-bundle-hash", (fold, threads) -> {
            BlockingQueue<CompletableFuture<Hashed>> queue = new ArrayBlockingQueue<>(2 * threads.cores() + 2);
            Reader reader = new Reader(new LineBlocks(in, block, false), queue, threads, scan);
            Thread thread = new Thread(reader, "arbiter-bundle-read");
            thread.setDaemon(true);
            thread.start();
            try {
                return fold(queue, fold);
            } finally {
                reader.stop = true;
                queue.clear();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /** Takes the hashed blocks in file order and folds them; a null block ends the file. */
    private static EntriesResult fold(BlockingQueue<CompletableFuture<Hashed>> queue, ChainFold fold)
            throws IOException {
        while (true) {
            Hashed h;
            try {
                h = VerifyThreads.done(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while verifying", e);
            }
            if (h == null) {
                return fold.finish();
            }
            Optional<EntriesResult> problem = fold.accept(h);
            if (problem.isPresent()) {
                return problem.get();
            }
        }
    }

    /**
     * Reads blocks of whole lines and hands each to the hashers, queueing the result in file order; a null
     * result ends the file. Stops when told to, at the end, or when the queue stays full because the checker
     * stopped.
     */
    private static final class Reader implements Runnable {

        private final LineBlocks blocks;
        private final BlockingQueue<CompletableFuture<Hashed>> queue;
        private final VerifyThreads hashers;
        private final LineScan scan;
        volatile boolean stop;

        Reader(LineBlocks blocks, BlockingQueue<CompletableFuture<Hashed>> queue, VerifyThreads hashers,
               LineScan scan) {
            this.blocks = blocks;
            this.queue = queue;
            this.hashers = hashers;
            this.scan = scan;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    LineBlocks.Block b = blocks.next();
                    if (b == null) {
                        hand(CompletableFuture.completedFuture(null));
                        return;
                    }
                    hand(hashers.submit(() -> BlockHasher.hash(b, scan)));
                }
            } catch (IOException e) {
                hand(CompletableFuture.failedFuture(e));
            }
        }

        /**
         * Blocks until there is room, unless the checker has stopped (it joins this thread before the hashers
         * are shut down, so a block is never handed to a closed pool).
         */
        private void hand(CompletableFuture<Hashed> result) {
            try {
                while (!stop && !queue.offer(result, 50, TimeUnit.MILLISECONDS)) {
                    // The checker is busy; try again, or give up when it has stopped.
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
