package dev.arbiter.core.evidence;

/**
 * Sees every line of an entries file that passed its header checks, on a hashing thread right after the line was
 * hashed (so while its bytes are in the cache), so that a check that needs each line's content (e.g.
 * {@link PolicyMentions}) runs inside the one pass over the bytes, not in a second one. Lines arrive from several
 * threads at once and not in file order; a line may be seen although a later problem fails the verify, so what a
 * scan gathers counts only when the verify passes. The bytes must not be changed.
 */
@FunctionalInterface
interface LineScan {

    /** Sees nothing. */
    LineScan NONE = (b, start, end) -> { };

    /** Sees one line, {@code b[start, end)}, without its line feed. */
    void line(byte[] b, int start, int end);
}
