package dev.arbiter.core.shadow;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which agents have a policy version in shadow (issue 19 "Shadow mode"). The
 * configuration lives in the store ({@code policy_shadow}, V18), so every
 * gateway on a workspace (also on PostgreSQL) and every restart sees the same;
 * each start and stop is an audit entry written in the same transaction
 * ({@code policy.shadow_started}, {@code policy.shadow_stopped}).
 *
 * <p>The decision engine asks {@link #forAgent} on every request, so the
 * table is held in memory and re-read when it changes, here or in another
 * process ({@link WorkspaceChanged} naming {@code policy_shadow}). A re-read
 * that fails keeps the last copy and is tried again on the next request: a
 * shadow never changes a real decision, so a stale copy only records a
 * shadow too many or too few for a moment, and the failure is logged.
 */
public final class ShadowRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowRegistry.class);
    static final String TABLE = "policy_shadow";

    private final Database database;
    private final AuditLedger ledger;
    private final AgentRegistry agents;
    private final PolicyRegistry policies;
    private final Clock clock;
    private volatile Map<String, ShadowAssignment> shadows;
    private volatile boolean stale;

    public ShadowRegistry(Database database, AuditLedger ledger, Events events, AgentRegistry agents,
                          PolicyRegistry policies, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.agents = agents;
        this.policies = policies;
        this.clock = clock;
        this.shadows = Map.copyOf(database.read(ShadowStore::all));
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches(TABLE)) {
                reload();
            }
        });
    }

    /** The agent's shadow, if it has one; from memory (cheap enough for every request). */
    public Optional<ShadowAssignment> forAgent(String agentId) {
        if (stale) {
            reload();
        }
        return agentId == null ? Optional.empty() : Optional.ofNullable(shadows.get(agentId));
    }

    /** Every shadow, by agent id. */
    public List<ShadowAssignment> list() {
        if (stale) {
            reload();
        }
        return shadows.values().stream().sorted(Comparator.comparing(ShadowAssignment::agentId)).toList();
    }

    /**
     * Puts {@code policy} v{@code version} in shadow for {@code agentId}, in place of any shadow it
     * had (the audit entry names the one replaced).
     *
     * @throws IllegalArgumentException when the agent is not registered or the version does not exist
     *                                  (the message says which and what to do); nothing is written
     */
    public ShadowAssignment start(String agentId, String policy, int version, String actor) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new IllegalArgumentException("there is no agent "
                + agentId + " in the registry (see arbiter agent list)"));
        if (policies.version(policy, version).isEmpty()) {
            throw new IllegalArgumentException(policies.exists(policy)
                    ? "policy " + policy + " has no version " + version + " (see arbiter policy list)"
                    : "there is no policy named " + policy + " (see arbiter policy list)");
        }
        ShadowAssignment shadow = new ShadowAssignment(agent.id(), policy, version, clock.instant(), actor);
        database.write(tx -> {
            ShadowAssignment before = ShadowStore.find(tx.connection(), agent.id());
            ShadowStore.put(tx.connection(), shadow);
            ledger.appendWithin(tx, AuditEntry.of("policy.shadow_started").agentId(agent.id()).actor(actor)
                    .detail(AuditDetail.of("policy", policy, "policy_version", version,
                            "replaces", before == null ? null : before.label()))
                    .build());
            return null;
        });
        reload();
        return shadow;
    }

    /**
     * Ends the agent's shadow.
     *
     * @throws IllegalArgumentException when the agent has no shadow (the message lists those that do)
     */
    public ShadowAssignment stop(String agentId, String actor) {
        String id = agents.find(agentId).map(Agent::id).orElse(agentId);
        ShadowAssignment stopped = database.write(tx -> {
            ShadowAssignment s = ShadowStore.find(tx.connection(), id);
            if (s == null) {
                return null;
            }
            ShadowStore.remove(tx.connection(), id);
            ledger.appendWithin(tx, AuditEntry.of("policy.shadow_stopped").agentId(id).actor(actor)
                    .detail(AuditDetail.of("policy", s.policy(), "policy_version", s.version(),
                            "started_at", s.startedAt().toString()))
                    .build());
            return s;
        });
        reload();
        if (stopped == null) {
            List<String> with = list().stream().map(ShadowAssignment::agentId).toList();
            throw new IllegalArgumentException("agent " + agentId + " has no policy in shadow"
                    + (with.isEmpty() ? "; no agent has one" : "; agents with one: " + String.join(", ", with)));
        }
        return stopped;
    }

    /** Re-reads the table; on failure keeps the last copy and tries again on the next look. */
    public void reload() {
        try {
            shadows = Map.copyOf(database.read(ShadowStore::all));
            stale = false;
        } catch (RuntimeException e) {
            if (!stale) {
                LOG.warn("Could not re-read the policies in shadow; the last copy stays in use: {}", e.getMessage());
            }
            stale = true;
        }
    }
}
