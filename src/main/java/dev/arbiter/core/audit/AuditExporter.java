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
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes ledger entries to JSONL, CSV, OCSF or CEF. The file appears whole or not at all:
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

    /**
     * Exports the matching entries; returns how many were written. A lone UTF-16
     * surrogate in any field never fails an export: JSONL writes it as a JSON
     * escape (parsing the line gives back exactly what the ledger holds), CSV
     * replaces it with U+FFFD. Cells are guarded against formula injection.
     *
     * @throws ExportFailedException naming the file and why (folder missing, permission, disk full)
     */
    public long export(AuditQuery query, ExportFormat format, Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            OwnerOnly.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".arbiter-export", ".tmp");
            long written;
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                written = format == ExportFormat.CSV ? writeCsv(query, out) : writeLines(query, format, out);
            }
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            return written;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(tmp);
            IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new ExportFailedException("Could not write " + absolute + ": " + reason(io), io);
        }
    }

    private long writeLines(AuditQuery query, ExportFormat format, BufferedWriter out) {
        return reader.forEach(query, entry -> {
            try {
                out.write(format.line(entry));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private long writeCsv(AuditQuery query, BufferedWriter out) throws IOException {
        // RFC 4180: comma, double quotes, CRLF; the printer quotes what needs it.
        CSVFormat csv = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, csv);
        long written = reader.forEach(query, entry -> {
            try {
                printer.printRecord(csvCells(entry));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        printer.flush();
        return written;
    }

    private static List<String> csvCells(LedgerEntry stored) {
        var node = AuditJson.toNode(stored);
        List<String> cells = new ArrayList<>(CSV_COLUMNS.size());
        for (String column : CSV_COLUMNS) {
            var value = node.get(column);
            cells.add(value == null || value.isNull() ? ""
                    : csvCell(value.isValueNode() ? value.asText() : value.toString()));
        }
        return cells;
    }

    /** One cell's text: encodable (lone surrogates replaced), then guarded against formulas. */
    static String csvCell(String text) {
        return SpreadsheetCell.guard(LoneSurrogates.replace(text));
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
