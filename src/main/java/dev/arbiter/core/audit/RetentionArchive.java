package dev.arbiter.core.audit;

import dev.arbiter.core.store.OwnerOnly;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The JSONL file retention writes before it prunes: one line per entry, the
 * entry's stored body exactly as hashed, with its hash added as a last field
 * ({@code {"seq":1,"prev_hash":"…",…,"hash":"…"}}). Keeping the hashed bytes
 * (rather than re-rendered JSON) is what lets {@link ChainVerifier} re-hash an
 * archive and prove it is the pruned part of the chain. The file is owner-only,
 * written to a temporary name, forced to disk and then moved into place, so a
 * pruning never deletes entries whose archive is not durably complete.
 */
final class RetentionArchive {

    /** What was written: how many entries, the last one's hash, and the file's SHA-256 (hex). */
    record Written(long entries, long lastSeq, String lastHash, String sha256) {
    }

    /** Told each archived entry as its stored hash (64 hex digits) followed by its body. */
    @FunctionalInterface
    interface RowVisitor {
        void visit(byte[] hashThenBody) throws IOException;
    }

    private static final String HASH_FIELD = ",\"hash\":\"";
    /** {@code ,"hash":"<64 hex>"}} */
    private static final int SUFFIX_LENGTH = HASH_FIELD.length() + 64 + 2;

    private RetentionArchive() {
    }

    /** Writes every entry still in the ledger up to {@code upToSeq} into {@code file}. */
    static Written write(Connection c, long upToSeq, Path file) throws SQLException, IOException {
        OwnerOnly.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        OwnerOnly.createFile(tmp);
        MessageDigest sha256 = sha256();
        long entries = 0;
        long lastSeq = 0;
        String lastHash = null;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(
                    Channels.newOutputStream(channel), 1 << 16), sha256);
            try (PreparedStatement ps = c.prepareStatement(LedgerRows.UP_TO)) {
                ps.setLong(1, upToSeq);
                ps.setFetchSize(AuditReader.SCAN_FETCH); // years of entries: streamed, not held
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastSeq = rs.getLong(1);
                        lastHash = rs.getString(2);
                        String body = rs.getString(3);
                        out.write(body.substring(0, body.length() - 1).getBytes(StandardCharsets.UTF_8));
                        out.write((HASH_FIELD + lastHash + "\"}\n").getBytes(StandardCharsets.US_ASCII));
                        entries++;
                    }
                }
            }
            out.flush();
            channel.force(true);
        } catch (SQLException | IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new Written(entries, lastSeq, lastHash, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * Reads an archive line by line, handing each entry to {@code visitor}; returns the file's SHA-256 (hex).
     *
     * @throws IOException when the file cannot be read, or a line is not an archived entry (the message
     *                     names the line)
     */
    static String read(Path file, RowVisitor visitor) throws IOException {
        MessageDigest sha256 = sha256();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new DigestInputStream(Files.newInputStream(file), sha256), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            long number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                int at = line.length() - SUFFIX_LENGTH;
                if (at < 1 || !line.startsWith(HASH_FIELD, at) || !line.endsWith("\"}")) {
                    throw new IOException(file.getFileName() + " line " + number + " is not an archived entry");
                }
                String hash = line.substring(at + HASH_FIELD.length(), at + HASH_FIELD.length() + 64);
                visitor.visit((hash + line.substring(0, at) + "}").getBytes(StandardCharsets.UTF_8));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
