package dev.arbiter.core.compliance;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.policy.AgentPolicy;
import dev.arbiter.core.policy.PolicyInForce;
import dev.arbiter.core.policy.PolicyRegistry;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps agents to the compliance requirements that apply to them (by the data
 * they touch and the actions their policy allows), records the control and
 * evidence that meet each, and computes the coverage matrix. Controls Arbiter
 * can verify itself ({@link AutomaticCheck}) need no record; what a person
 * records wins over an automatic check. Every change is audited.
 */
public final class ComplianceMap {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,47}");

    private final Database database;
    private final AuditLedger ledger;
    private final Clock clock;
    private final AgentRegistry agents;
    private final PolicyRegistry policies;

    public ComplianceMap(Database database, AuditLedger ledger, Clock clock, AgentRegistry agents,
                         PolicyRegistry policies) {
        this.database = database;
        this.ledger = ledger;
        this.clock = clock;
        this.agents = agents;
        this.policies = policies;
    }

    /** The shipped regulations, then the user's, each with every requirement (shipped and added). */
    public List<Regulation> catalog() {
        return database.read(c -> {
            List<ComplianceStore.UserRegulation> userRegulations = ComplianceStore.regulations(c);
            List<Requirement> userRequirements = ComplianceStore.requirements(c);
            List<Regulation> all = new ArrayList<>();
            for (Regulation r : ComplianceCatalog.builtIn()) {
                all.add(withAdded(r.id(), r.name(), r.summary(), r.requirements(), userRequirements, true));
            }
            for (ComplianceStore.UserRegulation r : userRegulations) {
                all.add(withAdded(r.id(), r.name(), r.summary(), List.of(), userRequirements, false));
            }
            return List.copyOf(all);
        });
    }

    private static Regulation withAdded(String id, String name, String summary, List<Requirement> own,
                                        List<Requirement> added, boolean builtIn) {
        List<Requirement> requirements = new ArrayList<>(own);
        added.stream().filter(q -> q.regulationId().equals(id)).forEach(requirements::add);
        return new Regulation(id, name, summary, requirements, builtIn);
    }

    /** Agents (not retired) against every regulation, most gaps first. */
    public CoverageMatrix matrix() {
        List<Regulation> catalog = catalog();
        Map<String, Map<String, ControlRecord>> controls = database.read(ComplianceStore::controls);
        List<CoverageMatrix.Row> rows = new ArrayList<>();
        for (Agent agent : agents.list(null, false)) {
            Map<String, CoverageCell> cells = new LinkedHashMap<>();
            int gaps = 0;
            PolicyInForce policy = policyOf(agent);
            Map<String, ControlRecord> recorded = controls.getOrDefault(agent.id(), Map.of());
            for (Regulation regulation : catalog) {
                CoverageCell cell = CoverageCell.of(agent.id(), regulation,
                        assess(agent, policy, regulation, recorded));
                cells.put(regulation.id(), cell);
                gaps += cell.gaps();
            }
            rows.add(new CoverageMatrix.Row(agent, cells, gaps));
        }
        rows.sort(Comparator.comparingInt(CoverageMatrix.Row::gaps).reversed()
                .thenComparing(r -> r.agent().id()));
        return new CoverageMatrix(catalog, rows);
    }

    /** One agent against one regulation, requirement by requirement. */
    public CoverageCell cell(String agentId, String regulationId) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new IllegalArgumentException(
                "There is no agent with id " + agentId + "."));
        Regulation regulation = catalog().stream().filter(r -> r.id().equals(regulationId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no regulation " + regulationId + "."));
        Map<String, ControlRecord> recorded = database.read(ComplianceStore::controls)
                .getOrDefault(agentId, Map.of());
        return CoverageCell.of(agentId, regulation, assess(agent, policyOf(agent), regulation, recorded));
    }

    private List<RequirementCoverage> assess(Agent agent, PolicyInForce policy, Regulation regulation,
                                             Map<String, ControlRecord> recorded) {
        AgentPolicy compiled = policy == null ? null : policy.policy();
        List<RequirementCoverage> result = new ArrayList<>();
        for (Requirement requirement : regulation.requirements()) {
            ControlRecord record = recorded.get(requirement.id());
            Optional<String> applies = requirement.appliesTo().reasonFor(agent, compiled);
            if (record != null && record.status() == ControlStatus.NOT_APPLICABLE) {
                result.add(new RequirementCoverage(requirement, Coverage.NOT_APPLICABLE,
                        "marked not applicable: " + record.control(), null, false, record));
            } else if (applies.isEmpty()) {
                result.add(new RequirementCoverage(requirement, Coverage.NOT_APPLICABLE,
                        "does not apply to this agent", null, false, record));
            } else if (record != null) {
                result.add(new RequirementCoverage(requirement, Coverage.MET, applies.get(),
                        record.control() + (record.evidence().isBlank() ? "" : " (evidence: " + record.evidence() + ")"),
                        false, record));
            } else {
                Optional<String> automatic = requirement.check() == null ? Optional.empty()
                        : requirement.check().evidence(agent, policy);
                result.add(automatic
                        .map(e -> new RequirementCoverage(requirement, Coverage.MET, applies.get(), e, true, null))
                        .orElseGet(() -> new RequirementCoverage(requirement, Coverage.GAP, applies.get(), null, false,
                                null)));
            }
        }
        return result;
    }

    private PolicyInForce policyOf(Agent agent) {
        return policies.inForce(agent.profile().policyName(), agent.profile().policyVersion()).orElse(null);
    }

    /** Records how an agent meets a requirement (or why it does not apply); replaces an earlier record. */
    public ControlRecord recordControl(String agentId, String requirementId, ControlStatus status, String control,
                                       String evidence, String actor) {
        if (control == null || control.isBlank()) {
            throw new IllegalArgumentException(status == ControlStatus.MET
                    ? "Describe the control that meets the requirement."
                    : "Say why the requirement does not apply to this agent.");
        }
        if (agents.find(agentId).isEmpty()) {
            throw new IllegalArgumentException("There is no agent with id " + agentId + ".");
        }
        Requirement requirement = requirement(requirementId);
        ControlRecord record = new ControlRecord(agentId, requirementId, status, control.strip(),
                evidence == null ? "" : evidence.strip(), actor, clock.instant());
        database.write(tx -> {
            ComplianceStore.upsertControl(tx.connection(), record);
            ledger.appendWithin(tx, AuditEntry.of("compliance.control_recorded").agentId(agentId).actor(actor)
                    .detail(AuditDetail.of("requirement", requirementId, "regulation", requirement.regulationId(),
                            "status", status.wireName(), "control", record.control(), "evidence", record.evidence()))
                    .build());
            return null;
        });
        return record;
    }

    /** Removes a person's record, so the requirement is a gap again unless an automatic check meets it. */
    public void removeControl(String agentId, String requirementId, String actor) {
        database.write(tx -> {
            if (ComplianceStore.deleteControl(tx.connection(), agentId, requirementId)) {
                ledger.appendWithin(tx, AuditEntry.of("compliance.control_removed").agentId(agentId).actor(actor)
                        .detail(AuditDetail.of("requirement", requirementId)).build());
            }
            return null;
        });
    }

    public Regulation addRegulation(String id, String name, String summary, String actor) {
        String cleanId = id == null ? "" : id.strip();
        if (!ID.matcher(cleanId).matches()) {
            throw new IllegalArgumentException("A regulation id uses letters, digits, . _ and - only, e.g. ISO-42001.");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Enter the regulation's name.");
        }
        if (catalog().stream().anyMatch(r -> r.id().equalsIgnoreCase(cleanId))) {
            throw new IllegalArgumentException("The catalog already has a regulation " + cleanId + ".");
        }
        ComplianceStore.UserRegulation regulation = new ComplianceStore.UserRegulation(cleanId, name.strip(),
                summary == null ? "" : summary.strip());
        Instant now = clock.instant();
        database.write(tx -> {
            ComplianceStore.insertRegulation(tx.connection(), regulation, actor, now);
            ledger.appendWithin(tx, AuditEntry.of("compliance.regulation_added").actor(actor)
                    .detail(AuditDetail.of("regulation", cleanId, "name", regulation.name())).build());
            return null;
        });
        return new Regulation(cleanId, regulation.name(), regulation.summary(), List.of(), false);
    }

    public Requirement addRequirement(String id, String regulationId, String title, String description,
                                      Applicability appliesTo, String actor) {
        String cleanId = id == null ? "" : id.strip();
        if (!ID.matcher(cleanId).matches()) {
            throw new IllegalArgumentException("A requirement id uses letters, digits, . _ and - only, "
                    + "e.g. ISO-42001-AUDIT.");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("Enter the requirement's title.");
        }
        if (!appliesTo.all() && appliesTo.dataClasses().isEmpty() && appliesTo.actions().isEmpty()) {
            throw new IllegalArgumentException("Say when the requirement applies: to every agent, to data classes, "
                    + "or to actions.");
        }
        List<Regulation> catalog = catalog();
        if (catalog.stream().noneMatch(r -> r.id().equals(regulationId))) {
            throw new IllegalArgumentException("There is no regulation " + regulationId + "; add it first.");
        }
        if (catalog.stream().flatMap(r -> r.requirements().stream()).anyMatch(q -> q.id().equalsIgnoreCase(cleanId))) {
            throw new IllegalArgumentException("The catalog already has a requirement " + cleanId + ".");
        }
        Requirement requirement = new Requirement(cleanId, regulationId, title.strip(),
                description == null ? "" : description.strip(), appliesTo, null, null, false);
        Instant now = clock.instant();
        database.write(tx -> {
            ComplianceStore.insertRequirement(tx.connection(), requirement, actor, now);
            ledger.appendWithin(tx, AuditEntry.of("compliance.requirement_added").actor(actor)
                    .detail(AuditDetail.of("requirement", cleanId, "regulation", regulationId,
                            "title", requirement.title()))
                    .build());
            return null;
        });
        return requirement;
    }

    private Requirement requirement(String requirementId) {
        return catalog().stream().flatMap(r -> r.requirements().stream())
                .filter(q -> q.id().equals(requirementId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no requirement " + requirementId + "."));
    }
}
