package dev.arbiter.core.audit;

import java.util.Locale;

/** The file formats the ledger exports to. */
public enum ExportFormat {
    JSONL, CSV;

    public static ExportFormat fromFileName(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : JSONL;
    }
}
