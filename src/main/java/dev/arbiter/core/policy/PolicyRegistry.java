package dev.arbiter.core.policy;

import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.CoalescedReload;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.store.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspace's policies and their versions. Saving valid YAML creates a new
 * immutable version; a version takes effect when it is activated (a brand-new
 * policy's first version is activated at once, so it is enforced from the
 * start); activating an older one is a rollback. Every change is an audit
 * entry in the same transaction.
 *
 * <p>The gateway asks {@link #inForce} on every request: active version
 * numbers are held in memory and reloaded when the database changes (another
 * process may have activated a version), and compiled policies are cached for
 * good, since versions never change.
 */
public final class PolicyRegistry implements AutoCloseable {

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final Clock clock;
    private final Map<String, AgentPolicy> compiled = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> activeVersions;
    /** Another process's changes, re-read at most every {@link #FOLLOW_INTERVAL} off the notice's thread. */
    private final CoalescedReload following = new CoalescedReload("policies", FOLLOW_INTERVAL, this::reload);

    /**
     * The least time between two reloads for other processes' changes: on SQLite every commit anywhere is a
     * change notice, and Readiness follows at the same pace (a version activated elsewhere is enforced here
     * within the change watcher's period plus this).
     */
    public static final java.time.Duration FOLLOW_INTERVAL = java.time.Duration.ofMillis(500);

    public PolicyRegistry(Database database, AuditLedger ledger, Events events, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.activeVersions = loadActive();
        events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("policy", "policy_version")) {
                following.request();
            }
        });
    }

    /** Stops following other processes' changes. */
    @Override
    public void close() {
        following.close();
    }

    /**
     * Saves policy text as a new version; activates it when {@code activate} is
     * set or when the policy is new. Unchanged text creates no version. Invalid
     * text throws {@link InvalidPolicyException} and stores nothing.
     */
    public SavedPolicy save(String yaml, String actor, String note, boolean activate) {
        AgentPolicy policy = PolicyYaml.check(yaml).orThrow();
        return store(policy, yaml, actor, note, activate);
    }

    /** Imports a file's bytes: checked for size, encoding and BOM first, then saved. */
    public SavedPolicy importFile(byte[] bytes, String actor, String note, boolean activate) {
        AgentPolicy policy = PolicyYaml.check(bytes).orThrow();
        return store(policy, new String(bytes, StandardCharsets.UTF_8), actor, note, activate);
    }

    /** Imports a file (refused by size before it is read); see {@link #importFile(byte[], String, String, boolean)}. */
    public SavedPolicy importFile(Path file, String actor, String note, boolean activate) {
        PolicyYaml.check(file).orThrow();
        try {
            return importFile(Files.readAllBytes(file), actor, note, activate);
        } catch (IOException e) {
            throw new InvalidPolicyException(List.of(new PolicyProblem(null, "the file cannot be read: "
                    + e.getMessage())));
        }
    }

    private SavedPolicy store(AgentPolicy policy, String yaml, String actor, String note, boolean activate) {
        String name = policy.name();
        Instant now = clock.instant();
        String hash = sha256(yaml);
        SavedPolicy saved = database.write(tx -> {
            Connection c = tx.connection();
            boolean isNew = !PolicyStore.exists(c, name);
            if (isNew) {
                PolicyStore.createPolicy(c, name, now);
            }
            Optional<Integer> latest = PolicyStore.latestVersion(c, name);
            Optional<Integer> active = PolicyStore.activeVersion(c, name);
            if (latest.isPresent()) {
                PolicyVersion newest = PolicyStore.version(c, name, latest.get()).orElseThrow();
                if (newest.yaml().equals(yaml)) {
                    boolean isActive = active.isPresent() && active.get().equals(newest.version());
                    if (activate && !isActive) {
                        activateWithin(tx, newest, active.orElse(null), actor);
                        return new SavedPolicy(newest, false, true);
                    }
                    return new SavedPolicy(newest, false, isActive);
                }
            }
            PolicyVersion version = new PolicyVersion(name, latest.orElse(0) + 1, yaml, hash, actor,
                    note == null || note.isBlank() ? null : note.strip(), now);
            PolicyStore.insertVersion(c, version);
            ledger.appendWithin(tx, AuditEntry.of("policy.saved").actor(actor)
                    .detail(AuditDetail.of("name", name, "version", version.version(), "sha256", hash,
                            "note", version.note()))
                    .build());
            boolean activated = activate || isNew;
            if (activated) {
                activateWithin(tx, version, active.orElse(null), actor);
            }
            return new SavedPolicy(version, true, activated);
        });
        if (saved.created() || saved.active()) {
            reload();
            events.publish(new PolicyChanged(name, saved.version().version(), saved.active()));
        }
        return saved;
    }

    /** Makes {@code version} the one in force; an older version than the current one is a rollback. */
    public PolicyVersion activate(String name, int version, String actor) {
        return activate(name, version, actor, null);
    }

    /**
     * {@link #activate(String, int, String)}, recording in the activation's audit entry the report the
     * person was shown first ({@code report}, e.g. issue 19's activation preview: its window and counts);
     * null records none.
     */
    public PolicyVersion activate(String name, int version, String actor, java.util.Map<String, Object> report) {
        PolicyVersion activated = database.write(tx -> {
            Connection c = tx.connection();
            PolicyVersion wanted = PolicyStore.version(c, name, version).orElseThrow(() -> noSuchVersion(c, name,
                    version));
            Integer previous = PolicyStore.activeVersion(c, name).orElse(null);
            if (previous == null || previous != version) {
                activateWithin(tx, wanted, previous, actor, report);
            }
            return wanted;
        });
        reload();
        events.publish(new PolicyChanged(name, version, true));
        return activated;
    }

    private void activateWithin(dev.arbiter.core.store.Tx tx, PolicyVersion version, Integer previous, String actor)
            throws SQLException {
        activateWithin(tx, version, previous, actor, null);
    }

    private void activateWithin(dev.arbiter.core.store.Tx tx, PolicyVersion version, Integer previous, String actor,
                                java.util.Map<String, Object> report) throws SQLException {
        PolicyStore.setActive(tx.connection(), version.name(), version.version(), clock.instant());
        boolean rollback = previous != null && version.version() < previous;
        // The digest makes the activation entry alone prove which text was put in force (evidence bundles, #18).
        String detail = report == null
                ? AuditDetail.of("name", version.name(), "version", version.version(), "sha256", version.sha256(),
                        "previous", previous)
                : AuditDetail.of("name", version.name(), "version", version.version(), "sha256", version.sha256(),
                        "previous", previous, "report", report);
        ledger.appendWithin(tx, AuditEntry.of(rollback ? "policy.rolled_back" : "policy.activated").actor(actor)
                .detail(detail).build());
    }

    private static IllegalArgumentException noSuchVersion(Connection c, String name, int version) {
        try {
            Optional<Integer> latest = PolicyStore.latestVersion(c, name);
            return new IllegalArgumentException(latest
                    .map(l -> "Policy " + name + " has no version " + version + " (its versions are 1 to " + l + ").")
                    .orElse("There is no policy named " + name + "."));
        } catch (SQLException e) {
            return new IllegalArgumentException("Policy " + name + " has no version " + version + ".");
        }
    }

    public List<PolicySummary> list() {
        return database.read(PolicyStore::summaries);
    }

    /** Newest first; empty when there is no such policy. */
    public List<PolicyVersion> versions(String name) {
        return database.read(c -> PolicyStore.versions(c, name));
    }

    public Optional<PolicyVersion> version(String name, int version) {
        return database.read(c -> PolicyStore.version(c, name, version));
    }

    public Optional<PolicyVersion> active(String name) {
        return database.read(c -> {
            Optional<Integer> v = PolicyStore.activeVersion(c, name);
            return v.isEmpty() ? Optional.<PolicyVersion>empty() : PolicyStore.version(c, name, v.get());
        });
    }

    public Optional<PolicyVersion> latest(String name) {
        return database.read(c -> {
            Optional<Integer> v = PolicyStore.latestVersion(c, name);
            return v.isEmpty() ? Optional.<PolicyVersion>empty() : PolicyStore.version(c, name, v.get());
        });
    }

    public boolean exists(String name) {
        return database.read(c -> PolicyStore.exists(c, name));
    }

    /** Line-by-line comparison of two versions of one policy, for a side-by-side view. */
    public PolicyDiff diff(String name, int left, int right) {
        return database.read(c -> {
            PolicyVersion a = PolicyStore.version(c, name, left).orElseThrow(() -> noSuchVersion(c, name, left));
            PolicyVersion b = PolicyStore.version(c, name, right).orElseThrow(() -> noSuchVersion(c, name, right));
            return PolicyDiff.between(a.yaml(), b.yaml());
        });
    }

    /**
     * The policy an agent assigned to {@code name} runs under: the pinned
     * version when given, else the active one. Empty when there is none (the
     * gateway answers NO_POLICY).
     */
    public Optional<PolicyInForce> inForce(String name, Integer pinnedVersion) {
        if (name == null) {
            return Optional.empty();
        }
        Integer version = pinnedVersion != null ? pinnedVersion : activeVersions.get(name);
        if (version == null) {
            return Optional.empty();
        }
        return compiled(name, version).map(p -> new PolicyInForce(name, version, p, pinnedVersion != null));
    }

    /** A version's compiled policy, cached: versions are immutable. */
    public Optional<AgentPolicy> compiled(String name, int version) {
        String key = name + "\u0000" + version;
        AgentPolicy cached = compiled.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AgentPolicy> loaded = version(name, version).map(PolicyVersion::policy);
        loaded.ifPresent(p -> compiled.put(key, p));
        return loaded;
    }

    /** Re-reads which versions are active (after a change here or in another process). */
    public synchronized void reload() {
        // synchronized: read and set together, so a reload that read older rows never overwrites a newer one
        activeVersions = loadActive();
    }

    private Map<String, Integer> loadActive() {
        return Map.copyOf(database.read(PolicyStore::activeVersions));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
