package dev.arbiter.core.alert;

import dev.arbiter.core.agent.AgentChanged;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.PolicyChanged;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert feature of one workspace: its rules, its detector (started at once, so no decision of
 * this process goes unwatched) and its service for the faces. Rules are re-read when an agent, a
 * policy or the rule edits change, here or in another process.
 */
public final class Alerts implements AutoCloseable {

    private final AlertRules rules;
    private final AlertService service;
    private final AlertDetector detector;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    public Alerts(Database database, AuditLedger ledger, Events events, AgentRegistry agents, KillSwitch killSwitch,
                  Clock clock) {
        this.rules = new AlertRules(database, ledger, agents, clock);
        this.service = new AlertService(database, ledger, events, clock);
        this.detector = new AlertDetector(database, ledger, events, rules, agents, killSwitch, clock);
        subscriptions.add(events.subscribe(AgentChanged.class, e -> rules.invalidate()));
        subscriptions.add(events.subscribe(PolicyChanged.class, e -> rules.invalidate()));
        subscriptions.add(events.subscribe(WorkspaceChanged.class, e -> {
            if (e.touches("alert_rule_set", "agent")) {
                rules.invalidate();
            }
        }));
    }

    public AlertRules rules() {
        return rules;
    }

    public AlertService service() {
        return service;
    }

    public AlertDetector detector() {
        return detector;
    }

    /** Starts detection ({@link AlertDetector#start()}). */
    public void start() {
        detector.start();
    }

    @Override
    public void close() {
        for (AutoCloseable s : subscriptions) {
            try {
                s.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(Alerts.class).debug("Unsubscribe failed", e);
            }
        }
        detector.close();
    }
}
