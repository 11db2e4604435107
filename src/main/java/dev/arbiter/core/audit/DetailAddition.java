package dev.arbiter.core.audit;

/**
 * Members that work done alongside an entry ({@link AuditLedger#appendAsync(AuditEntry,
 * dev.arbiter.core.store.TxWork)}) adds to the entry's JSON {@code detail} inside the writer's
 * transaction, before the entry is hashed: what that work saw in the same transaction. Issue 19
 * records so the counter totals a decision was judged against, which only the writer knows, so a
 * replay can re-decide it exactly. The work returns this from its {@code run}.
 */
@FunctionalInterface
public interface DetailAddition {

    /**
     * JSON object members to append, without braces, e.g. {@code "counters":{"tokens_today":5}};
     * empty or null adds nothing. The caller guarantees valid JSON and names the entry does not carry yet.
     */
    String members();
}
