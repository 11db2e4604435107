package dev.arbiter.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.audit.AuditReader.StoredRow;
import dev.arbiter.core.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The policy versions in force over a bundle's range (issue 18: "the policy versions in force"), as the files an
 * {@link EvidenceBundle} carries: each version's exact YAML text as {@code policies/<name>-v<N>.yaml}, and the
 * index {@value #INDEX} ({@value #FORMAT}) giving each version's number, SHA-256 and the ledger entries that
 * record that digest ({@code policy.saved}, {@code policy.activated}, {@code policy.rolled_back}), each with its
 * RFC 6962 inclusion proof against the bundle's checkpoint, so the digest is proven even when the entry lies before
 * the range. {@link PolicyFilesCheck} verifies them offline.
 *
 * <p>A version is in force over #from..#to when it was the active one of its policy at #from (its policy's last
 * activation before #from), was activated or rolled back to inside the range, or a decision of the range ran under
 * it (an agent pinned to a version that was never activated). Every version the range's own entries show in force
 * ({@link PolicyMentions}: activated, rolled back to, replaced by an activation, or cited by a decision) is carried,
 * or listed in {@code not_included} with the reason, because the verifiers require it.
 */
public final class PoliciesInForce {

    /** The index file's name in a bundle. */
    public static final String INDEX = "policies.json";
    /** The index's format. */
    public static final String FORMAT = "arbiter-policies-in-force/v1";
    /** The folder of the policy files in a bundle. */
    public static final String FOLDER = "policies/";

    /** The events whose entries record a version's digest. */
    static final List<String> RECORDING_EVENTS = List.of("policy.saved", "policy.activated", "policy.rolled_back");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The files to add to a bundle: the index and the policy texts, by file name, in a fixed order. */
    public record Files(Map<String, byte[]> files, int versions) {
    }

    private final Database database;

    PoliciesInForce(Database database) {
        this.database = database;
    }

    /** The bundle file of a version: {@code policies/<name>-v<N>.yaml} (policy names are safe file names). */
    static String fileName(String name, int version) {
        return FOLDER + name + "-v" + version + ".yaml";
    }

    /**
     * The files of the versions in force over #{@code fromSeq}..#{@code toSeq}, proven against the tree of
     * {@code treeSize} entries.
     *
     * @throws IllegalStateException when the workspace's stored text of a version does not hash to the digest its
     *         ledger entry records (the policy table was altered; the message names the version and the entry)
     */
    Files files(long fromSeq, long toSeq, long treeSize, LedgerTree tree, List<PolicyMentions.Mention> mentioned) {
        List<StoredRow> rows = database.read(c -> PolicyEvidenceStore.policyEntries(c, toSeq));
        var cited = database.read(c -> PolicyEvidenceStore.cited(c, fromSeq, toSeq));
        Map<String, Version> versions = new TreeMap<>();
        Map<String, Version> activeAtStart = new TreeMap<>();
        Map<String, StoredRow> saved = new TreeMap<>();
        for (StoredRow row : rows) {
            Recorded r = Recorded.of(row);
            if (r == null) {
                continue;
            }
            String key = key(r.name, r.version);
            if (r.event.equals("policy.saved")) {
                saved.put(key, row);
            } else if (row.seq() < fromSeq) {
                activeAtStart.put(r.name, new Version(r.name, r.version).activatedBy(row));
            } else {
                versions.computeIfAbsent(key, k -> new Version(r.name, r.version)).activatedBy(row);
            }
        }
        for (Version v : activeAtStart.values()) {
            versions.merge(key(v.name, v.version), v, Version::merge);
        }
        for (PolicyEvidenceStore.Cited c : cited) {
            versions.computeIfAbsent(key(c.name(), c.version()), k -> new Version(c.name(), c.version()));
        }
        // What the verifiers will require, read from the entries' bytes as they read them (PolicyMentions).
        for (PolicyMentions.Mention m : mentioned) {
            versions.computeIfAbsent(key(m.name(), m.version()), k -> new Version(m.name(), m.version()));
        }
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        ObjectNode index = JSON.createObjectNode().put("format", FORMAT).put("first_seq", fromSeq)
                .put("last_seq", toSeq).put("tree_size", treeSize);
        ArrayNode listed = index.putArray("versions");
        ArrayNode missing = index.putArray("not_included");
        HexFormat hex = HexFormat.of();
        int count = 0;
        for (Version v : versions.values()) {
            StoredRow savedRow = saved.get(key(v.name, v.version));
            if (savedRow != null) {
                v.records.add(0, savedRow);
            }
            Optional<String> digest = v.records.stream().map(Recorded::of)
                    .filter(r -> r != null && r.sha256() != null).map(Recorded::sha256).findFirst();
            Optional<PolicyEvidenceStore.Text> text = database.read(c -> PolicyEvidenceStore.text(c, v.name,
                    v.version));
            if (digest.isEmpty() || text.isEmpty()) {
                missing.addObject().put("name", v.name).put("version", v.version).put("reason", digest.isEmpty()
                        ? "no ledger entry left in the workspace records its digest (pruned by retention)"
                        : "the workspace no longer holds its text");
                continue;
            }
            byte[] yaml = text.get().yaml().getBytes(StandardCharsets.UTF_8);
            String actual = hex.formatHex(MerkleTree.sha256().digest(yaml));
            if (!actual.equals(digest.get())) {
                throw new IllegalStateException("The workspace's text of policy " + v.name + " v" + v.version
                        + " does not hash to the SHA-256 its ledger entry records (" + digest.get() + "): the "
                        + "policy table was altered, so no bundle was written. Restore the policy from a backup.");
            }
            String file = fileName(v.name, v.version);
            ObjectNode o = listed.addObject().put("name", v.name).put("version", v.version).put("sha256", actual)
                    .put("file", file);
            ArrayNode activations = o.putArray("activation_seqs");
            v.activations.forEach(activations::add);
            ArrayNode records = o.putArray("records");
            for (StoredRow row : v.records) {
                ObjectNode r = records.addObject().put("seq", row.seq()).put("hash", row.hash()).put("body", row.body());
                ArrayNode proof = r.putArray("proof");
                tree.inclusionProof(row.seq() - 1, treeSize).forEach(p -> proof.add(hex.formatHex(p)));
            }
            files.put(file, yaml);
            count++;
        }
        try {
            Map<String, byte[]> ordered = new java.util.LinkedHashMap<>();
            ordered.put(INDEX, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(index));
            ordered.putAll(files);
            return new Files(ordered, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String name, int version) {
        return name + "\u0000" + version;
    }

    /** A version being collected: the entries that activated it for the range and those that record its digest. */
    private static final class Version {
        final String name;
        final int version;
        final List<Long> activations = new ArrayList<>();
        final List<StoredRow> records = new ArrayList<>();

        Version(String name, int version) {
            this.name = name;
            this.version = version;
        }

        Version activatedBy(StoredRow row) {
            activations.add(row.seq());
            records.add(row);
            return this;
        }

        /** The version active at the start, merged before those activated inside the range (seq order). */
        static Version merge(Version inRange, Version atStart) {
            atStart.activations.addAll(inRange.activations);
            atStart.records.addAll(inRange.records);
            return atStart;
        }
    }

    /** The facts of one recording entry; null when the body is not one (never for entries Arbiter wrote). */
    record Recorded(String event, String name, int version, String sha256) {

        static Recorded of(StoredRow row) {
            return of(row.body());
        }

        static Recorded of(String body) {
            try {
                JsonNode entry = JSON.readTree(body);
                // An entry's detail is stored as JSON text inside the body (the hash covers it verbatim).
                JsonNode detail = entry.path("detail").isTextual() ? JSON.readTree(entry.get("detail").asText())
                        : entry.path("detail");
                if (detail == null || !RECORDING_EVENTS.contains(entry.path("event").asText())
                        || !detail.path("name").isTextual()
                        || !detail.path("version").canConvertToInt() || !detail.path("version").isIntegralNumber()) {
                    return null;
                }
                return new Recorded(entry.path("event").asText(), detail.get("name").asText(),
                        detail.get("version").intValue(),
                        detail.path("sha256").isTextual() ? detail.get("sha256").asText() : null);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
