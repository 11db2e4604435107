package dev.arbiter.core;

import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditExporter;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.ChainVerifier;
import dev.arbiter.core.audit.HeadAnchor;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.core.compliance.ComplianceMap;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.readiness.Readiness;
import dev.arbiter.core.readiness.ReadinessGuide;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.queue.EscalationQueue;
import dev.arbiter.core.queue.ReviewBriefings;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.Database;
import dev.arbiter.core.store.Settings;
import dev.arbiter.core.store.StoreLocation;
import dev.arbiter.core.token.AgentTokens;
import java.time.Clock;

/**
 * One open workspace (a data directory, and its SQLite file or the team's
 * PostgreSQL database) and the core services over it: the composition root
 * every face (desktop, gateway, CLI) starts from. It wires services and owns
 * their lifecycle; it holds no rules of its own.
 */
public final class Workspace implements AutoCloseable {

    private final DataDirectory directory;
    private final Clock clock;
    private final Events events = new Events();
    private final Database database;
    private final Settings settings;
    private final AuditLedger ledger;
    private final AuditReader auditReader;
    private final ChainVerifier verifier;
    private final AuditExporter exporter;
    private final LedgerRetention retention;
    private final KillSwitch killSwitch;
    private final PolicyRegistry policies;
    private final AgentRegistry agents;
    private final EscalationQueue queue;
    private final ReviewBriefings briefings;
    private final DecisionEngine decisions;
    private final AgentTokens tokens;
    private final ComplianceMap compliance;
    private final AutoCloseable watcher;
    private final Readiness readiness;
    private final AssessmentService assessments;

    private Workspace(DataDirectory directory, StoreLocation location, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        createDirectory(directory);
        this.database = Database.open(location);
        this.settings = new Settings(database);
        HeadAnchor anchor = new HeadAnchor(directory.root().resolve("ledger.head"));
        this.ledger = new AuditLedger(database, anchor, events, clock);
        this.auditReader = new AuditReader(database);
        this.verifier = new ChainVerifier(database, anchor);
        this.exporter = new AuditExporter(auditReader);
        this.retention = new LedgerRetention(database, ledger, exporter, directory.archive(), clock);
        this.killSwitch = new KillSwitch(database, ledger, events, clock);
        this.policies = new PolicyRegistry(database, ledger, events, clock);
        this.agents = new AgentRegistry(database, ledger, events, clock, policies);
        this.queue = new EscalationQueue(database, ledger, events, killSwitch, clock);
        this.decisions = new DecisionEngine(database, ledger, auditReader, events, agents, policies, killSwitch, queue,
                clock);
        this.briefings = new ReviewBriefings(database, queue, auditReader, policies, agents);
        this.tokens = new AgentTokens(database, ledger, events, agents, clock);
        this.compliance = new ComplianceMap(database, ledger, clock, agents, policies);
        this.watcher = database.watchChanges(events);
        this.readiness = new Readiness(database, ledger, settings, clock, ReadinessGuide.standard());
        this.assessments = new AssessmentService(database, ledger, settings, events, clock);
    }

    /** The data directory holds the log, the archive and the head anchor even when the data is on a server. */
    private static void createDirectory(DataDirectory directory) {
        try {
            java.nio.file.Files.createDirectories(directory.root());
        } catch (java.io.IOException e) {
            throw new dev.arbiter.core.store.StoreException("Cannot create the data directory " + directory.root()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Opens the SQLite workspace in {@code directory}. */
    public static Workspace open(DataDirectory directory) {
        return open(directory, Clock.systemUTC());
    }

    /** Opens the SQLite workspace in {@code directory} with {@code clock} (tests use a fixed one). */
    public static Workspace open(DataDirectory directory, Clock clock) {
        return open(directory, new StoreLocation.SqliteFile(directory.database()), clock);
    }

    /**
     * Opens the workspace whose data is at {@code location}; {@code directory}
     * still holds the log, the archive and the ledger's head anchor.
     */
    public static Workspace open(DataDirectory directory, StoreLocation location, Clock clock) {
        return new Workspace(directory, location, clock);
    }

    public DataDirectory directory() { return directory; }
    public Clock clock() { return clock; }
    public Events events() { return events; }
    public Database database() { return database; }
    public Settings settings() { return settings; }
    public AuditLedger ledger() { return ledger; }
    public AuditReader auditReader() { return auditReader; }
    public ChainVerifier verifier() { return verifier; }
    public AuditExporter exporter() { return exporter; }
    public LedgerRetention retention() { return retention; }
    public KillSwitch killSwitch() { return killSwitch; }
    public Readiness readiness() { return readiness; }
    public AssessmentService assessments() { return assessments; }
    public PolicyRegistry policies() { return policies; }
    public AgentRegistry agents() { return agents; }
    public EscalationQueue queue() { return queue; }
    public ReviewBriefings briefings() { return briefings; }
    public DecisionEngine decisions() { return decisions; }
    public AgentTokens tokens() { return tokens; }
    public ComplianceMap compliance() { return compliance; }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Workspace.class).debug("Change watcher close failed", e);
        }
        decisions.close();
        queue.close();
        ledger.close();
        database.close();
    }
}
