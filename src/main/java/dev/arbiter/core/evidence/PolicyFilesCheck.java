package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a bundle's policy files ({@link PoliciesInForce}) offline, as the Python verifier does: every version the
 * index lists is a file of the signed manifest whose SHA-256 equals the digest that the ledger's own entries record
 * for that policy and version, and each of those entries is proven in the bundle's signed checkpoint. So a policy
 * file swapped for another text is caught even when whoever made the bundle re-signed its manifest.
 */
public final class PolicyFilesCheck {

    /**
     * What the check found: the versions verified, or the problem (naming the file or version); {@code notIncluded}
     * is empty or a clause naming the versions the bundle says it cannot carry, and why.
     */
    public record Result(int versions, Optional<String> problem, String notIncluded) {
    }

    /**
     * What a bundle cannot prove about the policies in force, said in every verdict that checks them: the entries
     * of a range show the versions that decided in it or were activated in it, and the version each activation
     * replaced; a policy active at the range's start that none of them mentions leaves no trace in the range, and
     * proving that no such policy was left out would need every entry before the range (a Merkle tree proves an
     * entry's presence, not another's absence). The Python verifier says the same ({@code UNPROVEN_AT_START}).
     */
    public static final String UNPROVEN_AT_START = "Not proven: that no other policy was active at the range's "
            + "start. A version active then that no entry of the range mentions (no decision in the range ran under "
            + "it, no activation in it replaced it) is carried by the bundle's writer, but a bundle without it "
            + "verifies too.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyFilesCheck() {
    }

    /**
     * @param files every small file of the bundle, by name, each already found equal to its manifest digest
     * @param checkpoint the bundle's checkpoint, whose signature is already verified
     */
    public static Result verify(Map<String, byte[]> files, SignedCheckpoint checkpoint) {
        return verify(files, checkpoint, List.of());
    }

    /**
     * As {@link #verify(Map, SignedCheckpoint)}, and complete: every version {@code mentioned} (read from the
     * verified entries by {@link PolicyMentions}) is a verified file, or listed in the signed index's
     * {@code not_included} with the reason (e.g. its text was pruned), which the result names.
     */
    public static Result verify(Map<String, byte[]> files, SignedCheckpoint checkpoint,
                                List<PolicyMentions.Mention> mentioned) {
        byte[] indexBytes = files.get(PoliciesInForce.INDEX);
        if (indexBytes == null) {
            return problem("The bundle lacks " + PoliciesInForce.INDEX + " (the policy versions in force) or its "
                    + "manifest line.");
        }
        JsonNode index;
        try {
            index = JSON.readTree(indexBytes);
        } catch (IOException e) {
            return problem(PoliciesInForce.INDEX + " is not JSON.");
        }
        if (index == null || !PoliciesInForce.FORMAT.equals(index.path("format").asText())) {
            return problem(PoliciesInForce.INDEX + " is not " + PoliciesInForce.FORMAT + ".");
        }
        if (index.path("tree_size").asLong(-1) != checkpoint.size()) {
            return problem(PoliciesInForce.INDEX + " proves its entries in a tree of " + index.path("tree_size")
                    + " entries, but the checkpoint covers " + checkpoint.size() + ".");
        }
        HexFormat hex = HexFormat.of();
        Set<String> listed = new HashSet<>();
        int count = 0;
        for (JsonNode v : index.path("versions")) {
            String name = v.path("name").asText("");
            int version = v.path("version").asInt(-1);
            String file = PoliciesInForce.fileName(name, version);
            if (!file.equals(v.path("file").asText()) || !listed.add(file)) {
                return problem(PoliciesInForce.INDEX + " names the file " + v.path("file").asText() + " for policy "
                        + name + " v" + version + ", not " + file + " once.");
            }
            byte[] text = files.get(file);
            if (text == null) {
                return problem(file + " (policy " + name + " v" + version + ") is missing from the bundle or its "
                        + "signed manifest.");
            }
            String digest = hex.formatHex(MerkleTree.sha256().digest(text));
            int recorded = 0;
            Set<Long> activations = new HashSet<>();
            for (JsonNode r : v.path("records")) {
                long seq = r.path("seq").asLong(-1);
                String body = r.path("body").asText("");
                byte[] entryHash = MerkleTree.sha256().digest(body.getBytes(StandardCharsets.UTF_8));
                if (!hex.formatHex(entryHash).equals(r.path("hash").asText())) {
                    return problem("Ledger entry #" + seq + " in " + PoliciesInForce.INDEX + " does not hash to its "
                            + "hash: it was altered.");
                }
                List<byte[]> proof = new ArrayList<>();
                try {
                    for (JsonNode p : r.path("proof")) {
                        proof.add(hex.parseHex(p.asText()));
                    }
                } catch (IllegalArgumentException e) {
                    return problem("Ledger entry #" + seq + " in " + PoliciesInForce.INDEX + " has a proof that is "
                            + "not hex.");
                }
                JsonNode entry;
                try {
                    entry = JSON.readTree(body);
                } catch (IOException e) {
                    return problem("Ledger entry #" + seq + " in " + PoliciesInForce.INDEX + " is not JSON.");
                }
                if (seq < 1 || entry == null || entry.path("seq").asLong(-2) != seq
                        || !MerkleTree.verifyInclusion(MerkleTree.leafHash(entryHash), seq - 1, checkpoint.size(),
                        proof, checkpoint.root())) {
                    return problem("Ledger entry #" + seq + " in " + PoliciesInForce.INDEX + " is not in the signed "
                            + "checkpoint of " + checkpoint.size() + " entries: it was altered.");
                }
                PoliciesInForce.Recorded rec = PoliciesInForce.Recorded.of(body);
                if (rec == null || !rec.name().equals(name) || rec.version() != version) {
                    return problem("Ledger entry #" + seq + " does not record policy " + name + " v" + version
                            + ", which " + PoliciesInForce.INDEX + " files it under.");
                }
                if (rec.sha256() != null) {
                    if (!rec.sha256().equals(digest)) {
                        return problem(file + " does not match the SHA-256 that ledger entry #" + seq + " ("
                                + rec.event() + ") records for policy " + name + " v" + version + ": it is not the "
                                + "text that was in force (the file was swapped or altered).");
                    }
                    recorded++;
                }
                if (!rec.event().equals("policy.saved")) {
                    activations.add(seq);
                }
            }
            if (recorded == 0) {
                return problem(file + ": no ledger entry in " + PoliciesInForce.INDEX + " records the SHA-256 of "
                        + "policy " + name + " v" + version + ", so the file cannot be checked.");
            }
            for (JsonNode a : v.path("activation_seqs")) {
                if (!activations.contains(a.asLong())) {
                    return problem(PoliciesInForce.INDEX + " names entry #" + a.asLong() + " as an activation of "
                            + name + " v" + version + " but carries no such activation entry.");
                }
            }
            count++;
        }
        for (String name : files.keySet()) {
            if (name.startsWith(PoliciesInForce.FOLDER) && !listed.contains(name)) {
                return problem(name + " is in the bundle but not in " + PoliciesInForce.INDEX + ".");
            }
        }
        Map<String, String> admitted = new java.util.LinkedHashMap<>();
        for (JsonNode n : index.path("not_included")) {
            admitted.put(PoliciesInForce.fileName(n.path("name").asText(""), n.path("version").asInt(-1)),
                    n.path("reason").asText("no reason given"));
        }
        List<String> notIncluded = new ArrayList<>();
        for (PolicyMentions.Mention m : mentioned) {
            String file = PoliciesInForce.fileName(m.name(), m.version());
            if (listed.contains(file)) {
                continue;
            }
            String reason = admitted.get(file);
            if (reason == null) {
                return problem("The bundle leaves out policy " + m.name() + " v" + m.version() + ", which ledger "
                        + "entry #" + m.seq() + " (" + m.event() + ") shows was in force in the range: "
                        + PoliciesInForce.INDEX + " neither lists it nor says why it is not included. The bundle "
                        + "is incomplete or was altered; write it again with `arbiter audit bundle`.");
            }
            notIncluded.add(m.name() + " v" + m.version() + " (" + reason + ")");
        }
        return new Result(count, Optional.empty(), notIncluded.isEmpty() ? ""
                : "; not included, as the signed index says: " + String.join(", ", notIncluded));
    }

    private static Result problem(String text) {
        return new Result(0, Optional.of(text), "");
    }
}
