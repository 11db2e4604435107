package dev.arbiter.core.alert;

import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.policy.PolicyProblem;
import dev.arbiter.core.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The alert rules in force: the shipped defaults ({@code alerts/default-rules.yaml}), then the
 * workspace's edits, then the agent's policy's, then the agent's own; each edit changes only what it
 * writes. Edits are validated like policies (line:col) and audited ({@code alert.rules_changed}).
 * Thread-safe; resolved sets are cached until an edit (here or, via {@link #invalidate}, in another
 * process).
 */
public final class AlertRules {

    /** The scope of the workspace-wide edits. */
    public static final String WORKSPACE = "workspace";
    private static final AlertRuleSet SHIPPED = loadShipped();

    private final Database database;
    private final AuditLedger ledger;
    private final AgentRegistry agents;
    private final Clock clock;
    private final Map<String, AlertRuleSet> resolved = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    public AlertRules(Database database, AuditLedger ledger, AgentRegistry agents, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.agents = agents;
        this.clock = clock;
    }

    /** The shipped defaults. */
    public static AlertRuleSet shipped() {
        return SHIPPED;
    }

    /** Scope text for an agent's edits. */
    public static String agentScope(String agentId) {
        return "agent:" + agentId;
    }

    /** Scope text for a policy's edits. */
    public static String policyScope(String policyName) {
        return "policy:" + policyName;
    }

    /** The rules in force for {@code agentId} (null: rules about no agent, e.g. the detector's own). */
    public AlertRuleSet forAgent(String agentId) {
        String key = agentId == null ? "" : agentId;
        return resolved.computeIfAbsent(key, k -> resolve(agentId));
    }

    /** A number that changes whenever the rules may have changed; detectors re-read rules when it does. */
    public long generation() {
        return generation.get();
    }

    /** Forget resolved sets (an edit in another process, an agent's policy changed). */
    public void invalidate() {
        resolved.clear();
        generation.incrementAndGet();
    }

    /** The edits saved for {@code scope}, as written. */
    public Optional<String> edits(String scope) {
        return database.read(c -> AlertStore.ruleSet(c, scope));
    }

    /** Problems of {@code yaml} as an edit (empty: it may be saved). */
    public static List<PolicyProblem> validate(String yaml) {
        return AlertRulesYaml.apply(yaml, SHIPPED).problems();
    }

    /**
     * Saves {@code yaml} as the edits of {@code scope} ({@link #WORKSPACE}, {@code policy:NAME} or
     * {@code agent:ID}), audited. Throws {@link InvalidAlertRulesException} naming each problem's line
     * and column; nothing is saved then.
     */
    public void save(String scope, String yaml, String actor) {
        List<PolicyProblem> problems = validate(yaml);
        if (!problems.isEmpty()) {
            throw new InvalidAlertRulesException(problems);
        }
        if (!scope.equals(WORKSPACE) && !scope.startsWith("agent:") && !scope.startsWith("policy:")) {
            throw new IllegalArgumentException("scope must be workspace, policy:NAME or agent:ID, not " + scope);
        }
        database.write(tx -> {
            AlertStore.saveRuleSet(tx.connection(), scope, yaml, actor, clock.instant());
            ledger.appendWithin(tx, AuditEntry.of("alert.rules_changed").actor(actor)
                    .detail(AuditDetail.of("scope", scope, "rules", yaml)).build());
            return null;
        });
        invalidate();
    }

    private AlertRuleSet resolve(String agentId) {
        AlertRuleSet rules = over(SHIPPED, WORKSPACE);
        if (agentId != null) {
            String policy = agents.find(agentId).map(a -> a.profile().policyName()).orElse(null);
            if (policy != null) {
                rules = over(rules, policyScope(policy));
            }
            rules = over(rules, agentScope(agentId));
        }
        return rules;
    }

    /** A stored edit that no longer reads (written by a newer Arbiter) is skipped, never fatal. */
    private AlertRuleSet over(AlertRuleSet base, String scope) {
        Optional<String> text = edits(scope);
        if (text.isEmpty()) {
            return base;
        }
        AlertRulesYaml.Result result = AlertRulesYaml.apply(text.get(), base);
        if (!result.ok()) {
            org.slf4j.LoggerFactory.getLogger(AlertRules.class).warn("Alert rules of {} skipped: {}", scope,
                    result.problems());
            return base;
        }
        return result.rules();
    }

    private static AlertRuleSet loadShipped() {
        Map<RuleKind, AlertRule> skeleton = new EnumMap<>(RuleKind.class);
        for (RuleKind kind : RuleKind.values()) {
            skeleton.put(kind, new AlertRule(kind, false, java.time.Duration.ofMinutes(1), 1, 1, Response.NONE));
        }
        try (InputStream in = AlertRules.class.getResourceAsStream("/alerts/default-rules.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            AlertRulesYaml.Result result = AlertRulesYaml.apply(text, new AlertRuleSet(skeleton));
            if (!result.ok()) {
                throw new IllegalStateException("shipped alert rules do not read: " + result.problems());
            }
            return result.rules();
        } catch (IOException e) {
            throw new IllegalStateException("shipped alert rules missing", e);
        }
    }
}
