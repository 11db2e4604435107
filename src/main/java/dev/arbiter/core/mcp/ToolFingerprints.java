package dev.arbiter.core.mcp;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pins each MCP tool an agent is offered on first sight and notices when its
 * description or input schema changes later: a "rug pull", where a server
 * that was trusted starts telling the model something else. Each change is an
 * audit event ({@code mcp.tool.changed}); whether it blocks the tool until a
 * person accepts it is the policy's {@code mcp_tool_changes}. State is in the
 * workspace, so a change accepted in the desktop or CLI takes effect in a
 * running proxy on its next call.
 */
public final class ToolFingerprints {

    /** Audit events of this class. */
    public static final String FIRST_SEEN = "mcp.tool.first_seen";
    public static final String CHANGED = "mcp.tool.changed";
    public static final String ACCEPTED = "mcp.tool.accepted";

    private final Database database;
    private final AuditLedger ledger;
    private final Clock clock;

    public ToolFingerprints(Database database, AuditLedger ledger, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Records the tools a server listed for {@code agentId}: new ones are
     * pinned as accepted, changed ones are recorded and audited. Returns the
     * tools whose fingerprint now differs from the accepted one.
     */
    public List<PinnedTool> observe(String agentId, List<ToolDescriptor> tools, String actor) {
        Instant now = clock.instant();
        return database.write(tx -> {
            List<PinnedTool> changed = new ArrayList<>();
            List<String> firstSeen = new ArrayList<>();
            for (ToolDescriptor tool : tools) {
                String fingerprint = tool.fingerprint();
                Optional<PinnedTool> pinned = ToolFingerprintStore.find(tx.connection(), agentId, tool.name());
                String schema = keptSchema(tool);
                if (pinned.isEmpty()) {
                    ToolFingerprintStore.put(tx.connection(), new PinnedTool(agentId, tool.name(), fingerprint,
                            fingerprint, tool.description(), tool.description(), schema, schema, now, null));
                    firstSeen.add(tool.name());
                    continue;
                }
                PinnedTool was = pinned.get();
                if (!was.seenFingerprint().equals(fingerprint)) {
                    PinnedTool updated = new PinnedTool(agentId, tool.name(), was.acceptedFingerprint(), fingerprint,
                            was.acceptedDescription(), tool.description(), was.acceptedSchema(), schema,
                            was.firstSeen(), now);
                    ToolFingerprintStore.put(tx.connection(), updated);
                    if (updated.changed()) {
                        ledger.appendWithin(tx, AuditEntry.of(CHANGED).timestamp(now).agentId(agentId).actor(actor)
                                .detail(AuditDetail.of("tool", tool.name(),
                                        "accepted_fingerprint", was.acceptedFingerprint(),
                                        "new_fingerprint", fingerprint,
                                        "description_changed", !was.acceptedDescription().equals(tool.description()),
                                        "accepted_description", bounded(was.acceptedDescription()),
                                        "new_description", bounded(tool.description())))
                                .build());
                    }
                }
            }
            if (!firstSeen.isEmpty()) {
                ledger.appendWithin(tx, AuditEntry.of(FIRST_SEEN).timestamp(now).agentId(agentId).actor(actor)
                        .detail(AuditDetail.of("tools", firstSeen)).build());
            }
            for (ToolDescriptor tool : tools) {
                ToolFingerprintStore.find(tx.connection(), agentId, tool.name()).filter(PinnedTool::changed)
                        .ifPresent(changed::add);
            }
            return changed;
        });
    }

    /** The schema as kept for showing a change: canonical text, cut at {@link PinnedTool#MAX_SCHEMA_CHARS}. */
    private static String keptSchema(ToolDescriptor tool) {
        String text = tool.schemaText();
        return text.length() <= PinnedTool.MAX_SCHEMA_CHARS ? text
                : text.substring(0, PinnedTool.MAX_SCHEMA_CHARS) + "…";
    }

    /** A description as the ledger keeps it: whole up to 4,000 characters (a poisoned one may be huge). */
    private static String bounded(String description) {
        return description.length() <= 4000 ? description : description.substring(0, 4000) + "…";
    }

    /** The pinned state of one tool; empty when it was never listed for the agent. */
    public Optional<PinnedTool> find(String agentId, String tool) {
        return database.read(c -> ToolFingerprintStore.find(c, agentId, tool));
    }

    /** Every pinned tool of {@code agentId} (all agents when null), by agent and name. */
    public List<PinnedTool> list(String agentId) {
        return database.read(c -> ToolFingerprintStore.list(c, agentId));
    }

    /**
     * A person accepts the tool as it was last seen; audited. Fails with
     * {@link IllegalArgumentException} naming what to do when there is nothing to accept.
     */
    public PinnedTool accept(String agentId, String tool, String actor) {
        return accept(agentId, tool, null, actor);
    }

    /**
     * A person accepts the version of the tool they reviewed: {@code reviewedFingerprint} is the seen
     * fingerprint they were shown (null: whatever was seen last, as the CLI does). When the server has
     * changed the tool again since, nothing is accepted and {@link IllegalStateException} says to review
     * the newer change, so an approval never covers text nobody read. Audited.
     */
    public PinnedTool accept(String agentId, String tool, String reviewedFingerprint, String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("Say who accepts the change to " + tool + ".");
        }
        Instant now = clock.instant();
        return database.write(tx -> {
            PinnedTool was = ToolFingerprintStore.find(tx.connection(), agentId, tool).orElseThrow(() ->
                    new IllegalArgumentException("Agent " + agentId + " has no MCP tool named " + tool
                            + "; see arbiter mcp tools list --agent " + agentId + "."));
            if (!was.changed()) {
                throw new IllegalArgumentException("Tool " + tool + " of " + agentId
                        + " has no change waiting to be accepted.");
            }
            if (reviewedFingerprint != null && !reviewedFingerprint.equals(was.seenFingerprint())) {
                throw new IllegalStateException("Tool " + tool + " of " + agentId + " changed again since you "
                        + "reviewed it; nothing was accepted. Review the newer change and accept that.");
            }
            PinnedTool accepted = new PinnedTool(agentId, tool, was.seenFingerprint(), was.seenFingerprint(),
                    was.description(), was.description(), was.schema(), was.schema(), was.firstSeen(), now);
            ToolFingerprintStore.put(tx.connection(), accepted);
            ledger.appendWithin(tx, AuditEntry.of(ACCEPTED).timestamp(now).agentId(agentId).actor(actor.strip())
                    .detail(AuditDetail.of("tool", tool, "previous_fingerprint", was.acceptedFingerprint(),
                            "accepted_fingerprint", was.seenFingerprint()))
                    .build());
            return accepted;
        });
    }
}
