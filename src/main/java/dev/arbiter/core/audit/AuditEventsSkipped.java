package dev.arbiter.core.audit;

import dev.arbiter.core.event.ArbiterEvent;

/**
 * Entries {@code firstSeq} to {@code lastSeq} (inclusive) were committed by this process but not published as
 * {@link AuditAppended}, because listeners were too far behind (see the ledger's dispatch bound). They are in
 * the ledger: a listener that must see every entry reads the range back with
 * {@link AuditReader#after(long, int)} (the range may also hold other processes' entries).
 */
public record AuditEventsSkipped(long firstSeq, long lastSeq) implements ArbiterEvent {
}
