package dev.arbiter.core.control;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditTime;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The human override of the guide's Pillar 4: stops every agent, or one. State
 * is persisted (it survives a restart) and every change is an audit entry in
 * the same transaction. The gateway asks {@link #isEngagedFor} on every
 * request, so the state is held in memory and reloaded when the database
 * changes, including when another process (the CLI, a headless gateway)
 * flipped it.
 */
public final class KillSwitch {

    private final Database database;
    private final AgentRegistry agents;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private volatile Map<String, KillSwitchState> states = Map.of();
    /**
     * True after a change notice whose reload failed: the copy in memory may miss a switch another process
     * engaged, and the notice will not come again. Until a reload succeeds, every agent counts as stopped
     * (fail closed), and each check tries the reload again.
     */
    private volatile boolean stale;

    public KillSwitch(Database database, AgentRegistry agents, AuditLedger ledger, Events events, Clock clock) {
        this.database = database;
        this.agents = agents;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        states = load();
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("kill_switch")) {
                reloadOrMarkStale();
            }
        });
    }

    /**
     * True when the global switch or the agent's own switch is engaged, and also while the state could
     * not be re-read after a change (fail closed; see {@link #stale}).
     */
    public boolean isEngagedFor(String agentId) {
        if (stale && !reloadOrMarkStale()) {
            return true;
        }
        Map<String, KillSwitchState> now = states;
        return engaged(now.get(KillSwitchState.GLOBAL)) || (agentId != null && engaged(now.get(agentId)));
    }

    /**
     * The same question asked of the database inside the caller's transaction, not of this process's
     * copy: whether a switch another process engaged a moment ago (not yet seen here) covers {@code
     * agentId}. An approval asks this in its own write, so no action is released after a kill.
     */
    public static boolean isEngagedFor(java.sql.Connection c, String agentId) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM kill_switch WHERE engaged <> 0 AND (scope = ? OR scope = ?)")) {
            ps.setString(1, KillSwitchState.GLOBAL);
            ps.setString(2, agentId == null ? KillSwitchState.GLOBAL : agentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    public KillSwitchState global() {
        return states.getOrDefault(KillSwitchState.GLOBAL, KillSwitchState.releasedGlobal());
    }

    public Optional<KillSwitchState> forAgent(String agentId) {
        return Optional.ofNullable(states.get(agentId));
    }

    /** The engaged switches, global first. */
    public List<KillSwitchState> engaged() {
        return states.values().stream().filter(KillSwitchState::engaged)
                .sorted((a, b) -> a.isGlobal() ? -1 : b.isGlobal() ? 1 : a.scope().compareTo(b.scope()))
                .toList();
    }

    /**
     * Engages the switch for every agent ({@code agentIdOrNull} null or blank)
     * or for one registered agent, persisted and audited in one transaction.
     *
     * @throws UnknownAgentException when no agent has that id (nothing is engaged or written)
     * @throws IllegalArgumentException when the reason is blank
     */
    public KillSwitchState engage(String agentIdOrNull, String reason, String actor) {
        return change(agentIdOrNull, true, reason, actor);
    }

    /**
     * Releases the switch for every agent or one; an agent-level release does
     * not lift an engaged global switch (the caller can ask {@link #isEngagedFor}).
     *
     * @throws UnknownAgentException when no agent has that id
     * @throws KillSwitchNotEngagedException when that switch is not engaged (nothing is written)
     * @throws IllegalArgumentException when the reason is blank
     */
    public KillSwitchState release(String agentIdOrNull, String reason, String actor) {
        return change(agentIdOrNull, false, reason, actor);
    }

    private KillSwitchState change(String agentIdOrNull, boolean engage, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required to " + (engage ? "engage" : "release")
                    + " the kill switch.");
        }
        String scope = agentIdOrNull == null || agentIdOrNull.isBlank() ? KillSwitchState.GLOBAL : agentIdOrNull;
        if (!KillSwitchState.GLOBAL.equals(scope) && agents.find(scope).isEmpty()) {
            // a mistyped id must not "succeed" while the agent the operator meant keeps running
            throw new UnknownAgentException(scope, AgentSuggestions.closest(scope,
                    agents.list(null, true).stream().map(Agent::id).toList()));
        }
        if (!engage && !engaged(states.get(scope))) {
            throw new KillSwitchNotEngagedException(scope, engaged().stream().map(KillSwitchState::scope).toList());
        }
        KillSwitchState state = new KillSwitchState(scope, engage, reason.strip(), actor, clock.instant());
        database.write(tx -> {
            try (PreparedStatement ps = tx.connection().prepareStatement(
                    "INSERT INTO kill_switch(scope, engaged, reason, actor, changed_at) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT(scope) DO UPDATE SET engaged = excluded.engaged, reason = excluded.reason,"
                            + " actor = excluded.actor, changed_at = excluded.changed_at")) {
                ps.setString(1, scope);
                ps.setInt(2, engage ? 1 : 0);
                ps.setString(3, state.reason());
                ps.setString(4, actor);
                ps.setString(5, AuditTime.format(state.changedAt()));
                ps.executeUpdate();
            }
            ledger.appendWithin(tx, AuditEntry.of(engage ? "kill_switch.engaged" : "kill_switch.released")
                    .agentId(state.isGlobal() ? null : scope)
                    .actor(actor)
                    .humanOverride(true)
                    .reasonCode(engage ? "KILL_SWITCH" : null)
                    .detail(AuditDetail.of("scope", state.isGlobal() ? "all agents" : scope,
                            "reason", state.reason()))
                    .build());
            return null;
        });
        reload();
        return state;
    }

    /** Re-reads the persisted state and tells listeners of every switch that flipped. */
    /** Reloads; on failure marks the copy stale (logged once per failure) and returns false. */
    private boolean reloadOrMarkStale() {
        try {
            reload();
            stale = false;
            return true;
        } catch (RuntimeException e) {
            if (!stale) {
                org.slf4j.LoggerFactory.getLogger(KillSwitch.class).error("Could not re-read the kill switch after a "
                        + "change; every agent counts as stopped until it can be read: {}", e.getMessage());
            }
            stale = true;
            return false;
        }
    }

    public synchronized void reload() {
        Map<String, KillSwitchState> before = states;
        Map<String, KillSwitchState> after = load();
        states = after;
        for (KillSwitchState state : after.values()) {
            KillSwitchState old = before.get(state.scope());
            if (old == null ? state.engaged() : old.engaged() != state.engaged()) {
                events.publish(new KillSwitchChanged(state));
            }
        }
    }

    private Map<String, KillSwitchState> load() {
        return database.read(c -> {
            Map<String, KillSwitchState> loaded = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT scope, engaged, reason, actor, changed_at FROM kill_switch")) {
                while (rs.next()) {
                    KillSwitchState s = new KillSwitchState(rs.getString(1), rs.getInt(2) != 0, rs.getString(3),
                            rs.getString(4), AuditTime.parse(rs.getString(5)));
                    loaded.put(s.scope(), s);
                }
            }
            return Map.copyOf(loaded);
        });
    }

    private static boolean engaged(KillSwitchState state) {
        return state != null && state.engaged();
    }
}
