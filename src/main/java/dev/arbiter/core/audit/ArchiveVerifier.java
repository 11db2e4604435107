package dev.arbiter.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves the pruned part of the chain: for every retention checkpoint, oldest
 * first, its archive must exist, hash to the SHA-256 recorded at pruning, hold
 * a chain that continues from genesis (or the previous archive) entry by entry
 * and ends in exactly the checkpoint's {@code prev_hash}, and hold only entries
 * written before the cutoff; and its {@code audit.pruned} entry (in the kept
 * chain, or in a later archive) must name that range, archive, digest, link
 * and cutoff, with a retention of 1–7 years that the cutoff respects. A
 * checkpoint row that retention did not write fails one of these (issue 13 §3).
 */
final class ArchiveVerifier {

    /** The outcome: the first problem (null when none), and the hash of {@code wantedSeq} if an archive holds it. */
    record Outcome(VerificationResult.Broken problem, Optional<String> wantedHash) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HASH_LENGTH = 64;
    private static final byte[] TIMESTAMP_FIELD = ",\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRUNED_EVENT = (",\"event\":\"" + LedgerRetention.PRUNED_EVENT + "\"")
            .getBytes(StandardCharsets.US_ASCII);

    private final Path archiveDir;

    ArchiveVerifier(Path archiveDir) {
        this.archiveDir = archiveDir;
    }

    /** Runs every check; {@code wantedSeq} is an entry whose archived hash the caller needs (the anchor's). */
    Outcome check(Connection c, List<Checkpoint> checkpoints, long wantedSeq) throws SQLException {
        Walk walk = new Walk(wantedSeq);
        for (Checkpoint checkpoint : checkpoints) {
            VerificationResult.Broken problem = walk.archive(checkpoint);
            if (problem != null) {
                return new Outcome(problem, Optional.empty());
            }
        }
        for (Checkpoint checkpoint : checkpoints) {
            VerificationResult.Broken problem = walk.record(c, checkpoint);
            if (problem != null) {
                return new Outcome(problem, Optional.empty());
            }
        }
        return new Outcome(null, Optional.ofNullable(walk.wantedHash));
    }

    /** State carried from one archive to the next. */
    private final class Walk {
        private final long wantedSeq;
        private final Map<Long, String> prunedRecords = new HashMap<>();
        private final Map<Long, String> newestTimestamp = new HashMap<>();
        private final CanonicalForm form = new CanonicalForm();
        private long expectedSeq = 1;
        private byte[] expectedPrev = CanonicalForm.GENESIS_HASH.getBytes(StandardCharsets.US_ASCII);
        private long checked;
        private String wantedHash;

        Walk(long wantedSeq) {
            this.wantedSeq = wantedSeq;
        }

        VerificationResult.Broken archive(Checkpoint cp) {
            String range = "entries #" + expectedSeq + " to #" + cp.upToSeq();
            if (cp.prunedSeq() == null || cp.archiveSha256() == null) {
                return broken(cp.upToSeq(), "The retention checkpoint for " + range + " names no audit.pruned "
                        + "entry or archive digest: it was not written by retention (or by an Arbiter before "
                        + "schema V9), so the pruning cannot be proven.");
            }
            Path file = archiveDir.resolve(Path.of(cp.archiveFile()).getFileName());
            long first = expectedSeq;
            String[] newest = {""};
            VerificationResult.Broken[] problem = {null};
            String digest;
            try {
                digest = RetentionArchive.read(file, row -> {
                    if (problem[0] == null) {
                        problem[0] = entry(row, file, newest);
                    }
                });
            } catch (NoSuchFileException e) {
                return broken(first, "Entries #" + first + " to #" + cp.upToSeq() + " were pruned, but their "
                        + "archive " + file + " is missing: put it back from a backup (verify checks it).");
            } catch (IOException e) {
                return broken(first, "The archive " + file + " of entries #" + first + " to #" + cp.upToSeq()
                        + " cannot be read: " + e.getMessage() + ".");
            }
            if (problem[0] != null) {
                return problem[0];
            }
            if (!digest.equals(cp.archiveSha256())) {
                return broken(first, "The archive " + file + " is not the one written when entries #" + first
                        + " to #" + cp.upToSeq() + " were pruned (its SHA-256 differs): it was edited or "
                        + "swapped. Restore the original archive from a backup.");
            }
            if (expectedSeq - 1 != cp.upToSeq()
                    || !Arrays.equals(expectedPrev, cp.prevHash().getBytes(StandardCharsets.US_ASCII))) {
                return broken(expectedSeq, "The archive " + file + " ends at #" + (expectedSeq - 1)
                        + ", but the checkpoint says entries up to #" + cp.upToSeq() + " ending in "
                        + cp.prevHash() + " were pruned: the checkpoint was forged or the archive is incomplete.");
            }
            newestTimestamp.put(cp.id(), newest[0]);
            expectedSeq = cp.firstSeq();
            expectedPrev = cp.prevHash().getBytes(StandardCharsets.US_ASCII);
            return null;
        }

        private VerificationResult.Broken entry(byte[] row, Path file, String[] newest) {
            VerificationResult.Broken order = ChainVerifier.orderProblem(row, expectedSeq, expectedPrev, checked);
            if (order != null) {
                return broken(order.seq(), "In the archive " + file + ": " + order.problem());
            }
            if (!form.matches(row, HASH_LENGTH)) {
                return broken(expectedSeq, "In the archive " + file + ": entry #" + expectedSeq
                        + " was altered: its content no longer matches its hash.");
            }
            String timestamp = timestamp(row);
            if (timestamp.compareTo(newest[0]) > 0) {
                newest[0] = timestamp;
            }
            if (contains(row, PRUNED_EVENT)) {
                prunedRecords.put(expectedSeq, new String(row, HASH_LENGTH, row.length - HASH_LENGTH,
                        StandardCharsets.UTF_8));
            }
            if (expectedSeq == wantedSeq) {
                wantedHash = new String(row, 0, HASH_LENGTH, StandardCharsets.US_ASCII);
            }
            expectedPrev = Arrays.copyOf(row, HASH_LENGTH);
            expectedSeq++;
            checked++;
            return null;
        }

        /** The checkpoint's audit.pruned entry must exist and agree with it and with the archive. */
        VerificationResult.Broken record(Connection c, Checkpoint cp) throws SQLException {
            String range = "the entries up to #" + cp.upToSeq();
            Optional<String> body = Optional.ofNullable(prunedRecords.get(cp.prunedSeq()));
            if (body.isEmpty() && cp.prunedSeq() >= cp.firstSeq()) {
                body = LedgerRows.bodyOf(c, cp.prunedSeq());
            }
            if (body.isEmpty()) {
                return broken(cp.upToSeq(), "No audit.pruned entry records the pruning of " + range
                        + " (the checkpoint names #" + cp.prunedSeq() + "): the checkpoint was forged.");
            }
            try {
                JsonNode entry = JSON.readTree(body.get());
                JsonNode detail = JSON.readTree(entry.path("detail").asText("{}"));
                String cutoff = detail.path("cutoff").asText("");
                int years = detail.path("retention_years").asInt(0);
                boolean agrees = LedgerRetention.PRUNED_EVENT.equals(entry.path("event").asText())
                        && cp.prunedSeq() > cp.upToSeq()
                        && detail.path("up_to_seq").asLong(-1) == cp.upToSeq()
                        && cp.prevHash().equals(detail.path("link_hash").asText())
                        && cp.archiveSha256().equals(detail.path("archive_sha256").asText())
                        && Path.of(cp.archiveFile()).getFileName().toString()
                                .equals(Path.of(detail.path("archive").asText("-")).getFileName().toString());
                if (!agrees) {
                    return broken(cp.prunedSeq(), "Entry #" + cp.prunedSeq() + " does not record the pruning of "
                            + range + " that the checkpoint claims: the checkpoint was forged.");
                }
                if (years < LedgerRetention.MIN_YEARS || years > LedgerRetention.MAX_YEARS) {
                    return broken(cp.prunedSeq(), "Entry #" + cp.prunedSeq() + " pruned with a retention of "
                            + years + " years; retention is 1 to 7 years.");
                }
                Instant prunedAt = AuditTime.parse(entry.path("timestamp").asText());
                String allowed = AuditTime.format(prunedAt.atOffset(ZoneOffset.UTC).minusYears(years).toInstant());
                String newest = newestTimestamp.getOrDefault(cp.id(), "");
                if (cutoff.compareTo(allowed) > 0 || newest.compareTo(cutoff) >= 0) {
                    return broken(cp.upToSeq(), "Entries younger than the retention of " + years + " years were "
                            + "pruned by entry #" + cp.prunedSeq() + " (newest pruned entry written " + newest
                            + ", pruned " + AuditTime.format(prunedAt) + ").");
                }
            } catch (IOException | RuntimeException e) {
                return broken(cp.prunedSeq(), "Entry #" + cp.prunedSeq() + " cannot be read as an audit.pruned "
                        + "record: " + e.getMessage());
            }
            return null;
        }

        private VerificationResult.Broken broken(long seq, String problem) {
            return new VerificationResult.Broken(checked, seq, problem);
        }
    }

    /** The {@code timestamp} value of a canonical body (the first such field: values have their quotes escaped). */
    private static String timestamp(byte[] row) {
        int at = indexOf(row, TIMESTAMP_FIELD);
        if (at < 0 || at + TIMESTAMP_FIELD.length + 24 > row.length) {
            return "";
        }
        return new String(row, at + TIMESTAMP_FIELD.length, 24, StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] row, byte[] part) {
        return indexOf(row, part) >= 0;
    }

    private static int indexOf(byte[] row, byte[] part) {
        outer:
        for (int i = HASH_LENGTH; i <= row.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (row[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
