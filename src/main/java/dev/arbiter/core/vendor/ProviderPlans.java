package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.agent.AgentRegistry;
import dev.arbiter.core.audit.AuditDetail;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditLedger;
import dev.arbiter.core.event.Events;
import dev.arbiter.core.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Each agent's provider plan (issue 17, the guide's Pillar 5 "Fallback Strategy" and "Multi-Provider
 * Strategy"): its vendor, pinned and fallback model, what it does while its provider is down, and
 * whether a second provider stands behind it. Setting a fallback behaviour is audited.
 */
public final class ProviderPlans {

    private final Database database;
    private final AuditLedger ledger;
    private final Events events;
    private final AgentRegistry agents;
    private final VendorRegister vendors;
    private final Clock clock;

    public ProviderPlans(Database database, AuditLedger ledger, Events events, AgentRegistry agents,
                         VendorRegister vendors, Clock clock) {
        this.database = database;
        this.ledger = ledger;
        this.events = events;
        this.agents = agents;
        this.vendors = vendors;
        this.clock = clock;
    }

    /** One row per agent (not retired), by id: what it runs on and how it degrades. */
    public List<AgentProviderPlan> all() {
        Map<String, FallbackPlan> plans = database.read(VendorStore::plans).stream()
                .collect(Collectors.toMap(FallbackPlan::agentId, Function.identity()));
        List<Vendor> register = vendors.list();
        return agents.list(null, false).stream()
                .sorted(java.util.Comparator.comparing(Agent::id))
                .map(a -> plan(a, register, Optional.ofNullable(plans.get(a.id()))))
                .toList();
    }

    /** The plan of one agent. @throws IllegalArgumentException when there is no such agent */
    public AgentProviderPlan of(String agentId) {
        Agent agent = agents.find(agentId).orElseThrow(() -> new IllegalArgumentException(
                "There is no agent with id " + agentId + "."));
        Optional<FallbackPlan> plan = database.read(VendorStore::plans).stream()
                .filter(p -> p.agentId().equals(agent.id())).findFirst();
        return plan(agent, vendors.list(), plan);
    }

    private static AgentProviderPlan plan(Agent a, List<Vendor> register, Optional<FallbackPlan> fallback) {
        Optional<Vendor> vendor = named(register, a.profile().vendor());
        Optional<Vendor> fallbackVendor = fallback.map(FallbackPlan::fallbackVendor).filter(s -> !s.isEmpty())
                .flatMap(s -> named(register, s)).or(() -> vendor);
        return new AgentProviderPlan(a, vendor, fallback, fallbackVendor, strategy(a, fallback));
    }

    private static Optional<Vendor> named(List<Vendor> register, String text) {
        return register.stream().filter(v -> v.details().isNamedBy(text)).findFirst();
    }

    /** The rule behind {@link ProviderStrategy}: another vendor for the fallback model is multi-provider. */
    static ProviderStrategy strategy(Agent a, Optional<FallbackPlan> plan) {
        if (a.profile().model().isEmpty()) {
            return ProviderStrategy.NO_MODEL;
        }
        if (a.profile().fallbackModel().isEmpty()) {
            return ProviderStrategy.SINGLE_MODEL;
        }
        String primary = a.profile().vendor();
        String other = plan.map(FallbackPlan::fallbackVendor).orElse("");
        return !other.isEmpty() && !other.equalsIgnoreCase(primary)
                ? ProviderStrategy.MULTI_PROVIDER : ProviderStrategy.SINGLE_PROVIDER_WITH_FALLBACK;
    }

    /**
     * Sets what {@code agentId} does while its provider is down, and which vendor its fallback model
     * comes from ({@code fallbackVendor}: a vendor in the register, or empty for the agent's own).
     *
     * @throws IllegalArgumentException for an unknown or retired agent or an unknown vendor
     */
    public AgentProviderPlan setFallback(String agentId, FallbackBehaviour behaviour, String fallbackVendor,
                                         String actor) {
        Agent agent = agents.find(agentId).filter(a -> !a.isRetired()).orElseThrow(() -> new IllegalArgumentException(
                "There is no active agent with id " + agentId + "."));
        String vendorId = "";
        if (fallbackVendor != null && !fallbackVendor.isBlank()) {
            vendorId = vendors.find(fallbackVendor).orElseThrow(() -> new IllegalArgumentException(
                    "fallback vendor: " + fallbackVendor.strip() + " is not in the register; add it first "
                            + "(arbiter vendor add)")).id();
        }
        FallbackPlan plan = new FallbackPlan(agent.id(), behaviour, vendorId, clock.instant(), actor);
        database.write(tx -> {
            VendorStore.savePlan(tx.connection(), plan);
            ledger.appendWithin(tx, AuditEntry.of("agent.fallback_set").agentId(agent.id()).actor(actor)
                    .detail(AuditDetail.of("behaviour", behaviour.key().toLowerCase(java.util.Locale.ROOT),
                            "detail", behaviour.detail(), "fallback_vendor", plan.fallbackVendor(),
                            "fallback_model", agent.profile().fallbackModel()))
                    .build());
            return null;
        });
        events.publish(new VendorsChanged());
        return of(agent.id());
    }
}
