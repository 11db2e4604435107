package dev.arbiter.core;

import dev.arbiter.core.assessment.AssessmentService;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.alert.Alerts;
import dev.arbiter.core.audit.AnchorReset;
import dev.arbiter.core.audit.AuditExporter;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.audit.AuditReader;
import dev.arbiter.core.audit.ChainVerifier;
import dev.arbiter.core.audit.HeadAnchor;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.core.compliance.ComplianceMap;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.decision.DecisionEngine;
import dev.arbiter.core.decision.DecisionTelemetry;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.incident.IncidentRegister;
import dev.arbiter.core.playbook.PlaybookLibrary;
import dev.arbiter.core.mcp.ToolFingerprints;
import dev.arbiter.core.metrics.GovernanceMetrics;
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
 *
 * <p>Opening starts no thread: services start their background work in {@link #start()} (the ledger's
 * group commit and dispatch, change notices, the queue's timeout sweep, alert detection, signed
 * checkpoints, SQLite's WAL checkpoints). A one-shot CLI command opens with {@link #openIdle} and never
 * starts; every service still works (an append is written by its caller). {@link #open} opens and starts,
 * for the long-running faces (gateway, desktop, MCP proxy) and the benchmarks.
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
    private final AnchorReset anchorReset;
    private final AuditExporter exporter;
    private final LedgerRetention retention;
    private final KillSwitch killSwitch;
    private final PolicyRegistry policies;
    private final dev.arbiter.core.shadow.ShadowRegistry shadows;
    private final AgentRegistry agents;
    private final EscalationQueue queue;
    private final ReviewBriefings briefings;
    private final DecisionEngine decisions;
    private final AgentTokens tokens;
    private final ComplianceMap compliance;
    private volatile AutoCloseable watcher;
    private boolean started;
    private final Readiness readiness;
    private final AssessmentService assessments;
    private final ToolFingerprints toolFingerprints;
    private final Alerts alerts;
    private final dev.arbiter.core.webhook.Webhooks webhooks;
    private volatile DecisionTelemetry telemetry = DecisionTelemetry.OFF;
    private final IncidentRegister incidents;
    private final dev.arbiter.core.evidence.Checkpoints checkpoints;
    private final dev.arbiter.core.evidence.CheckpointVerifier checkpointVerifier;
    private final dev.arbiter.core.evidence.Receipts receipts;
    private final dev.arbiter.core.evidence.Cosignatures cosignatures;
    private final dev.arbiter.core.evidence.CosignatureVerifier cosignatureVerifier;
    private final dev.arbiter.core.witness.Witness witness;
    private final dev.arbiter.core.hold.LegalHolds legalHolds;
    private final dev.arbiter.core.erasure.SubjectErasure erasure;
    private final GovernanceMetrics metrics;
    private final dev.arbiter.core.exercise.Exercises exercises;
    private final dev.arbiter.core.vendor.VendorRegister vendors;
    private final dev.arbiter.core.vendor.ProviderPlans providerPlans;
    private final dev.arbiter.core.agent.ModelChanges modelChanges;

    private Workspace(DataDirectory directory, StoreLocation location, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        boolean sqlite = location instanceof StoreLocation.SqliteFile;
        boolean fresh = sqlite ? !directory.hasDatabase() : isNewHost(directory);
        directory.secure(sqlite);
        this.database = Database.open(location);
        this.settings = new Settings(database);
        HeadAnchor anchor = new HeadAnchor(directory.headAnchor());
        this.ledger = new AuditLedger(database, anchor, events, clock);
        if (fresh) {
            // SQLite: a new file, an empty ledger. PostgreSQL: a new host joining the team's ledger
            // keeps, from now on, a lower bound of the chain it sees (README, For a team).
            createAnchor(anchor, sqlite ? HeadAnchor.Head.genesis() : ledger.head());
        }
        this.anchorReset = new AnchorReset(database, ledger);
        this.auditReader = new AuditReader(database);
        this.retention = new LedgerRetention(database, ledger, directory.archive(), clock);
        this.verifier = new ChainVerifier(database, anchor, retention.archiveDir());
        this.exporter = new AuditExporter(auditReader);
        var entryHashes = new dev.arbiter.core.audit.EntryHashes(database, directory.archive());
        this.checkpoints = new dev.arbiter.core.evidence.Checkpoints(database, ledger, entryHashes, settings,
                directory.root().resolve("audit-signing.key"), directory.root().resolve("ledger.checkpoint"), events, clock);
        this.checkpointVerifier = new dev.arbiter.core.evidence.CheckpointVerifier(checkpoints, entryHashes);
        this.receipts = new dev.arbiter.core.evidence.Receipts(auditReader, checkpoints, clock);
        this.cosignatures = new dev.arbiter.core.evidence.Cosignatures(database, checkpoints, clock);
        this.cosignatureVerifier = new dev.arbiter.core.evidence.CosignatureVerifier(checkpoints, entryHashes);
        this.witness = new dev.arbiter.core.witness.Witness(database, ledger, settings,
                directory.root().resolve("witness-signing.key"), clock);
        this.legalHolds = new dev.arbiter.core.hold.LegalHolds(database, ledger, clock);
        retention.addGuard(new dev.arbiter.core.audit.RetentionFloor(database, settings, clock));
        retention.addGuard(legalHolds);
        retention.addGuard(new dev.arbiter.core.evidence.CheckpointCoverage(checkpoints));
        this.policies = new PolicyRegistry(database, ledger, events, clock);
        this.agents = new AgentRegistry(database, ledger, events, clock, policies);
        this.killSwitch = new KillSwitch(database, agents, ledger, events, clock);
        this.queue = new EscalationQueue(database, ledger, events, killSwitch, clock);
        this.erasure = new dev.arbiter.core.erasure.SubjectErasure(database, ledger, queue);
        this.shadows = new dev.arbiter.core.shadow.ShadowRegistry(database, ledger, events, agents, policies, clock);
        this.decisions = new DecisionEngine(database, ledger, auditReader, events, agents, policies, killSwitch, queue,
                shadows, clock);
        this.briefings = new ReviewBriefings(database, queue, auditReader, policies, agents);
        this.tokens = new AgentTokens(database, ledger, events, agents, clock);
        this.compliance = new ComplianceMap(database, ledger, clock, agents, policies);
        this.readiness = new Readiness(database, ledger, settings, clock, ReadinessGuide.standard());
        this.assessments = new AssessmentService(database, ledger, settings, events, clock);
        this.toolFingerprints = new ToolFingerprints(database, ledger, clock);
        this.alerts = new Alerts(database, ledger, events, agents, killSwitch, clock);
        this.incidents = new IncidentRegister(database, ledger, events, agents, policies, killSwitch, clock);
        retention.addGuard(incidents);
        alerts.service().setIncidentOpener(new dev.arbiter.core.incident.AlertIncidents(incidents));
        this.metrics = new GovernanceMetrics(database, alerts.service(), incidents, clock);
        this.exercises = new dev.arbiter.core.exercise.Exercises(database, ledger, events, clock);
        this.webhooks = new dev.arbiter.core.webhook.Webhooks(database, ledger, clock);
        alerts.detector().followWithin((tx, alert) -> webhooks.enqueueWithin(tx,
                dev.arbiter.core.webhook.Notices.alert(alert)));
        this.vendors = new dev.arbiter.core.vendor.VendorRegister(database, ledger, events, agents, clock);
        this.providerPlans = new dev.arbiter.core.vendor.ProviderPlans(database, ledger, events, agents, vendors, clock);
        this.modelChanges = new dev.arbiter.core.agent.ModelChanges(database, ledger, agents, clock);
    }

    /** The first anchor of a new workspace is made with its database: an empty ledger, nothing to cut. */
    private void createAnchor(HeadAnchor anchor, HeadAnchor.Head head) {
        try {
            anchor.create(head);
        } catch (java.io.IOException e) {
            database.close();
            throw new dev.arbiter.core.store.StoreException("Cannot create the ledger head anchor " + anchor.file()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * On PostgreSQL the data directory holds only the log, the archive and this host's head anchor. A
     * directory that never held an anchor or an archive (absent, or only a log so far) is a new host, whose
     * anchor starts at the ledger's current head; a directory that has lost its anchor is not new, and the
     * ledger refuses to write there until a person restores the file or records a reset.
     */
    private static boolean isNewHost(DataDirectory directory) {
        if (!java.nio.file.Files.isDirectory(directory.root())) {
            return true;
        }
        try (var entries = java.nio.file.Files.list(directory.root())) {
            return entries.map(p -> p.getFileName().toString())
                    .allMatch(name -> name.equals("logs") || name.equals("database-url"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * Starts every service's background threads (see the class comment); idempotent.
     *
     * @return this workspace
     */
    public synchronized Workspace start() {
        if (started) {
            return this;
        }
        started = true;
        database.start();
        ledger.start();
        watcher = database.watchChanges(events);
        queue.start();
        alerts.start();
        checkpoints.start();
        tokens.start();
        return this;
    }

    /** Opens the SQLite workspace in {@code directory}, started. */
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
        return openIdle(directory, location, clock).start();
    }

    /**
     * Opens the workspace at {@code location} without starting any background thread: for a one-shot
     * command, which reads or writes a little and closes. Call {@link #start()} to run it longer.
     */
    public static Workspace openIdle(DataDirectory directory, StoreLocation location, Clock clock) {
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
    public AnchorReset anchorReset() { return anchorReset; }
    public AuditExporter exporter() { return exporter; }
    public LedgerRetention retention() { return retention; }
    public KillSwitch killSwitch() { return killSwitch; }
    public Readiness readiness() { return readiness; }
    public AssessmentService assessments() { return assessments; }
    public PolicyRegistry policies() { return policies; }
    /** Policy versions in shadow per agent (issue 19). */
    public dev.arbiter.core.shadow.ShadowRegistry shadows() { return shadows; }
    public AgentRegistry agents() { return agents; }
    public EscalationQueue queue() { return queue; }
    public ReviewBriefings briefings() { return briefings; }
    public DecisionEngine decisions() { return decisions; }
    public AgentTokens tokens() { return tokens; }
    public ComplianceMap compliance() { return compliance; }
    public ToolFingerprints toolFingerprints() { return toolFingerprints; }
    public Alerts alerts() { return alerts; }
    /** Where the faces report decisions for telemetry out; {@link DecisionTelemetry#OFF} unless set. */
    public DecisionTelemetry telemetry() { return telemetry; }
    public void useTelemetry(DecisionTelemetry t) { telemetry = t == null ? DecisionTelemetry.OFF : t; }
    public IncidentRegister incidents() { return incidents; }
    /** The workspace's incident playbooks ({@code playbooks/} in the data directory, seeded with the defaults). */
    public PlaybookLibrary playbooks() { return new PlaybookLibrary(directory.root().resolve("playbooks")); }
    public dev.arbiter.core.evidence.Checkpoints checkpoints() { return checkpoints; }
    public dev.arbiter.core.evidence.CheckpointVerifier checkpointVerifier() { return checkpointVerifier; }
    /** Per-decision receipts: a trace's entries proven against a signed checkpoint (issue 18). */
    public dev.arbiter.core.evidence.Receipts receipts() { return receipts; }
    /** The log side of witnessing: add-checkpoint requests out, cosigned checkpoints in (issue 18). */
    public dev.arbiter.core.evidence.Cosignatures cosignatures() { return cosignatures; }
    public dev.arbiter.core.evidence.CosignatureVerifier cosignatureVerifier() { return cosignatureVerifier; }
    /** This workspace as a witness of other ledgers (issue 18). */
    public dev.arbiter.core.witness.Witness witness() { return witness; }
    public dev.arbiter.core.hold.LegalHolds legalHolds() { return legalHolds; }
    /** Erases a data subject's personal fields from the ledger (GDPR Art. 17). */
    public dev.arbiter.core.erasure.SubjectErasure erasure() { return erasure; }
    public GovernanceMetrics metrics() { return metrics; }
    /** Tabletop exercises of the workspace's playbooks (issue 17). */
    public dev.arbiter.core.exercise.Exercises exercises() { return exercises; }
    public dev.arbiter.core.webhook.Webhooks webhooks() { return webhooks; }
    public dev.arbiter.core.vendor.VendorRegister vendors() { return vendors; }
    public dev.arbiter.core.vendor.ProviderPlans providerPlans() { return providerPlans; }
    public dev.arbiter.core.agent.ModelChanges modelChanges() { return modelChanges; }
    /** The vendor register, every agent's provider plan and the open model changes, read now. */
    public dev.arbiter.core.vendor.VendorOverview vendorOverview() {
        return dev.arbiter.core.vendor.VendorOverview.read(vendors, providerPlans, modelChanges);
    }

    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Workspace.class).debug("Change watcher close failed", e);
        }
        checkpoints.close();
        policies.close();
        decisions.close();
        tokens.close(); // after the gateway's last decision, before the database goes
        queue.close();
        alerts.close();
        ledger.close();
        database.close();
    }
}
