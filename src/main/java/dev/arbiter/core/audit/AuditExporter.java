package dev.arbiter.core.audit;

import dev.arbiter.core.store.OwnerOnly;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes ledger entries to JSONL or CSV. The file appears whole or not at all:
 * entries go to a temporary file beside the target, which is moved into place
 * only after the last line is written.
 */
public final class AuditExporter {

    /** An export that could not be written; the message names the file and why. */
    public static final class ExportFailedException extends RuntimeException {
        ExportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final List<String> CSV_COLUMNS = List.of("seq", "timestamp", "event", "trace_id", "agent_id",
            "session_id", "action", "decision", "tier", "reason_code", "risk_score", "actor", "input_summary",
            "reasoning", "output", "tools_used", "tokens_consumed", "latency_ms", "human_override", "detail",
            "prev_hash", "hash");

    private final AuditReader reader;

    public AuditExporter(AuditReader reader) {
        this.reader = reader;
    }

    /** Exports the matching entries; returns how many were written. */
    public long export(AuditQuery query, ExportFormat format, Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            OwnerOnly.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".arbiter-export", ".tmp");
            long written;
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                if (format == ExportFormat.CSV) {
                    out.write(String.join(",", CSV_COLUMNS));
                    out.write("\r\n");
                }
                written = reader.forEach(query, entry -> writeLine(out, format, entry));
            }
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new ExportFailedException("Could not write " + absolute + ": " + reason(io), io);
        }
    }

    private static void writeLine(BufferedWriter out, ExportFormat format, LedgerEntry entry) {
        try {
            if (format == ExportFormat.JSONL) {
                out.write(AuditJson.line(entry));
                out.write('\n');
            } else {
                out.write(csvRow(entry));
                out.write("\r\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csvRow(LedgerEntry stored) {
        var node = AuditJson.toNode(stored);
        StringBuilder row = new StringBuilder(256);
        for (int i = 0; i < CSV_COLUMNS.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            var value = node.get(CSV_COLUMNS.get(i));
            if (value != null && !value.isNull()) {
                row.append(csvCell(value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return row.toString();
    }

    /** RFC 4180 quoting, plus a leading quote for cells a spreadsheet would run as a formula. */
    static String csvCell(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !isNumber(text) ? "'" + text : text;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String message = e.getMessage();
        return message != null && message.contains("No space left") ? "the disk is full" : String.valueOf(message);
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stray temp file is harmless
            }
        }
    }
}
