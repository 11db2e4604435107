package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A compact range proof (the "compact ranges" of transparency-dev/merkle, built on the RFC 6962 §2.1 tree): entries
 * #{@code firstSeq}..#{@code lastSeq} are leaves {@code firstSeq-1 .. lastSeq-1} of the tree of {@code treeSize}
 * entries. One proof covers a whole evidence bundle, O(log n) hashes, instead of one inclusion proof per entry.
 *
 * <p>{@code left} are the roots of the perfect subtrees the leaves before the range decompose into, one per binary
 * digit of {@code firstSeq - 1}, largest first. {@code right} are the roots of the aligned perfect subtrees that
 * leaves {@code [lastSeq, treeSize)} decompose into, left to right, each as large as its start allows. A verifier
 * seeds a compact range with {@code left}, appends the range's leaf hashes, then the {@code right} roots, and
 * folds it: the result must be the checkpoint's root.
 *
 * <p>JSON ({@value #FORMAT}): {@code format}, {@code first_seq}, {@code last_seq}, {@code tree_size}, {@code left}
 * and {@code right} (arrays of hex hashes).
 */
public record RangeProof(long firstSeq, long lastSeq, long treeSize, List<byte[]> left, List<byte[]> right) {

    /** The proof format's name. */
    public static final String FORMAT = "arbiter-range-proof/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RangeProof {
        if (firstSeq < 1 || lastSeq < firstSeq || treeSize < lastSeq) {
            throw new IllegalArgumentException("entries #" + firstSeq + " to #" + lastSeq + " are not a range of a "
                    + "tree of " + treeSize + " entries");
        }
        left = List.copyOf(left);
        right = List.copyOf(right);
    }

    /** How many entries the range holds. */
    public long count() {
        return lastSeq - firstSeq + 1;
    }

    /**
     * A compact range over the leaves before the range, to which the verifier appends the range's leaves.
     *
     * @throws IllegalArgumentException when {@code left} does not have one root per binary digit of {@code firstSeq-1}
     */
    CompactRange start() {
        return CompactRange.seeded(firstSeq - 1, left);
    }

    /**
     * The root of the whole tree, given the compact range after every leaf of the range was appended to
     * {@link #start()}.
     *
     * @throws IllegalArgumentException when not every leaf of the range was appended, or {@code right} does not
     *         decompose the rest of the tree
     */
    byte[] finish(CompactRange range) {
        if (range.size() != lastSeq) {
            throw new IllegalArgumentException("the range ends after entry #" + range.size() + ", not #" + lastSeq);
        }
        List<long[]> after = CompactRange.subtreesAfter(lastSeq, treeSize);
        if (after.size() != right.size()) {
            throw new IllegalArgumentException("the entries after #" + lastSeq + " are " + after.size()
                    + " subtrees, but the proof gives " + right.size());
        }
        for (int i = 0; i < after.size(); i++) {
            range.appendSubtree(right.get(i), (int) after.get(i)[1]);
        }
        return range.root();
    }

    /** The proof as UTF-8 JSON. */
    public byte[] json() {
        ObjectNode root = JSON.createObjectNode();
        HexFormat hex = HexFormat.of();
        root.put("format", FORMAT);
        root.put("first_seq", firstSeq);
        root.put("last_seq", lastSeq);
        root.put("tree_size", treeSize);
        var l = root.putArray("left");
        left.forEach(h -> l.add(hex.formatHex(h)));
        var r = root.putArray("right");
        right.forEach(h -> r.add(hex.formatHex(h)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /**
     * Reads a proof written by {@link #json()}.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, another format, a missing field, a hash
     *         that is not 64 hex digits, a range that is not inside the tree)
     */
    public static RangeProof parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the range proof is not JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("the range proof's \"format\" is not " + FORMAT);
        }
        for (String field : List.of("first_seq", "last_seq", "tree_size")) {
            if (!root.path(field).canConvertToLong()) {
                throw new IllegalArgumentException("the range proof's \"" + field + "\" is not a number");
            }
        }
        return new RangeProof(root.path("first_seq").asLong(), root.path("last_seq").asLong(),
                root.path("tree_size").asLong(), hashes(root, "left"), hashes(root, "right"));
    }

    private static List<byte[]> hashes(JsonNode root, String field) {
        List<byte[]> out = new ArrayList<>();
        for (JsonNode h : root.path(field)) {
            String text = h.asText("");
            if (text.length() != 2 * MerkleTree.HASH_BYTES) {
                throw new IllegalArgumentException("the range proof's \"" + field + "\" holds " + text.length()
                        + " characters where a hash is 64 hex digits");
            }
            try {
                out.add(HexFormat.of().parseHex(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the range proof's \"" + field + "\" holds a hash that is not hex");
            }
        }
        return out;
    }
}
