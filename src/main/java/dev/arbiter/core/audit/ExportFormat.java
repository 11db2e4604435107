package dev.arbiter.core.audit;

import java.util.Locale;

/**
 * The file formats the ledger exports to: JSONL (the export contract), CSV (spreadsheets),
 * OCSF (one OCSF 1.3.0 JSON event a line, {@link OcsfEvent}) and CEF (one ArcSight CEF line
 * an entry, {@link CefLine}) for SIEMs.
 */
public enum ExportFormat {
    JSONL, CSV, OCSF, CEF;

    /** The format a file name suggests: {@code .csv}, {@code .cef}, {@code .ocsf}/{@code .ocsf.json}, else JSONL. */
    public static ExportFormat fromFileName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return CSV;
        }
        if (lower.endsWith(".cef")) {
            return CEF;
        }
        if (lower.endsWith(".ocsf") || lower.endsWith(".ocsf.json") || lower.endsWith(".ocsf.jsonl")) {
            return OCSF;
        }
        return JSONL;
    }

    /** One entry as a line of this format (JSONL, OCSF and CEF only: CSV needs its printer). */
    public String line(LedgerEntry entry) {
        return switch (this) {
            case JSONL -> LoneSurrogates.escapeInJson(AuditJson.line(entry));
            case OCSF -> OcsfEvent.line(entry);
            case CEF -> CefLine.of(entry);
            case CSV -> throw new IllegalStateException("CSV lines come from the CSV printer");
        };
    }
}
