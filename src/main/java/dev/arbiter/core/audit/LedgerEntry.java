package dev.arbiter.core.audit;

/** An entry as stored: its place in the chain and the hashes that link it. */
public record LedgerEntry(long seq, AuditEntry entry, String prevHash, String hash) {
}
