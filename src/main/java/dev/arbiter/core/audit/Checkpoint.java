package dev.arbiter.core.audit;

/**
 * A retention checkpoint: entries before {@code firstSeq} were pruned into
 * {@code archiveFile} (a file name in the workspace's archive folder) whose
 * SHA-256 is {@code archiveSha256}; the first kept entry links to
 * {@code prevHash}; entry {@code prunedSeq} ({@code audit.pruned}) records it.
 * The last two are null only in rows that did not come from retention (or from
 * an Arbiter before schema V9), which verification refuses.
 */
record Checkpoint(long id, long firstSeq, String prevHash, String archiveFile, String archiveSha256,
                  Long prunedSeq) {

    /** The last pruned entry. */
    long upToSeq() {
        return firstSeq - 1;
    }
}
