package dev.arbiter.core.readiness;

/** An assessment as listed in the history: with its total and verdict. */
public record HistoryEntry(Assessment assessment, Verdict verdict) {
}
