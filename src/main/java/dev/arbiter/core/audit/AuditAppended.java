package dev.arbiter.core.audit;

import dev.arbiter.core.event.ArbiterEvent;
import java.util.List;

/** Entries were committed to the ledger by this process. */
public record AuditAppended(List<LedgerEntry> entries) implements ArbiterEvent {
}
