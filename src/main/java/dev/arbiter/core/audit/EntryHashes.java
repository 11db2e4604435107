package dev.arbiter.core.audit;

import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The stored hashes of entries #1..#n in chain order, from the retention archives for the pruned part and from
 * the ledger for the rest: the leaves a signed checkpoint's Merkle tree is built over. Says nothing about whether
 * the entries hash to them; {@link ChainVerifier} proves that.
 */
public final class EntryHashes {

    private final Database database;
    private final Path archiveDir;

    public EntryHashes(Database database, Path archiveDir) {
        this.database = database;
        this.archiveDir = archiveDir;
    }

    /** The 32-byte hashes of entries #1..#{@code size}, in order; see {@link #range}. */
    public List<byte[]> upTo(long size) {
        return range(1, size);
    }

    /**
     * The 32-byte hashes of entries #{@code from}..#{@code to}, in order.
     *
     * @param from first seq, ≥ 1
     * @param to   last seq; none when below {@code from}
     * @throws StoreException when one of them is neither in the archives nor in the ledger, or an archive cannot
     *         be read (the message names which)
     */
    public List<byte[]> range(long from, long to) {
        long size = Math.max(0, to - from + 1);
        return database.read(c -> {
            List<byte[]> hashes = new ArrayList<>((int) Math.min(size, 1 << 24));
            HexFormat hex = HexFormat.of();
            for (Checkpoint retention : CheckpointStore.all(c)) {
                if (hashes.size() >= size) {
                    break;
                }
                if (retention.upToSeq() < from) {
                    continue;
                }
                Path file = archiveDir.resolve(retention.archiveFile());
                try {
                    // Archive lines are entries #n.. up to upToSeq; count from the start of this archive.
                    List<byte[]> all = new ArrayList<>();
                    RetentionArchive.read(file, row -> all.add(hex.parseHex(
                            new String(row, 0, 64, java.nio.charset.StandardCharsets.US_ASCII))));
                    long first = retention.upToSeq() - all.size() + 1;
                    for (int i = 0; i < all.size(); i++) {
                        long s = first + i;
                        if (s == from + hashes.size() && hashes.size() < size) {
                            hashes.add(all.get(i));
                        }
                    }
                } catch (IOException e) {
                    throw new StoreException("The retention archive " + file + " cannot be read (" + e.getMessage()
                            + "), so the pruned entries cannot be proven against the signed checkpoints. Restore it "
                            + "from a backup.", e);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_entry WHERE seq > ? AND "
                    + "seq <= ? ORDER BY seq")) {
                ps.setLong(1, from - 1 + hashes.size());
                ps.setLong(2, to);
                ps.setFetchSize(4096);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(1) != from + hashes.size()) {
                            break;
                        }
                        hashes.add(hex.parseHex(rs.getString(2)));
                    }
                }
            }
            if (hashes.size() < size) {
                throw new StoreException("Entry #" + (from + hashes.size()) + " is missing from the ledger and its "
                        + "archives, but a signed checkpoint covers entries up to #" + to + ": entries were deleted.");
            }
            return hashes;
        });
    }
}
