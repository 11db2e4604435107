package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.ModelChangeRequest;
import dev.arbiter.core.agent.ModelChanges;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Everything the vendor due-diligence report, the Vendors screen and the readiness evidence show, read
 * at one moment: a dossier per vendor, the agents whose vendor is not in the register, and the counts
 * for the guide's "Vendor Management" readiness dimension.
 */
public record VendorOverview(LocalDate asOf, List<VendorDossier> dossiers, List<AgentProviderPlan> unregistered,
                             List<AgentProviderPlan> plans, List<ModelChangeRequest> openChanges) {

    public VendorOverview {
        dossiers = List.copyOf(dossiers);
        unregistered = List.copyOf(unregistered);
        plans = List.copyOf(plans);
        openChanges = List.copyOf(openChanges);
    }

    /** Reads the register, every agent's plan and the open change requests. */
    public static VendorOverview read(VendorRegister vendors, ProviderPlans providerPlans, ModelChanges changes) {
        List<AgentProviderPlan> plans = providerPlans.all();
        List<ModelChangeRequest> open = changes.open();
        List<VendorDossier> dossiers = vendors.list().stream().map(v -> {
            List<AgentProviderPlan> using = plans.stream().filter(p -> uses(p, v)).toList();
            List<String> ids = using.stream().map(p -> p.agent().id()).toList();
            return new VendorDossier(v, vendors.assess(v), using,
                    open.stream().filter(r -> ids.contains(r.agentId())).toList());
        }).toList();
        List<AgentProviderPlan> unregistered = plans.stream()
                .filter(p -> p.vendor().isEmpty() && !p.agent().profile().vendor().isEmpty()).toList();
        return new VendorOverview(vendors.today(), dossiers, unregistered, plans, open);
    }

    private static boolean uses(AgentProviderPlan p, Vendor v) {
        return p.vendor().map(Vendor::id).filter(v.id()::equals).isPresent()
                || p.fallbackVendor().map(Vendor::id).filter(v.id()::equals).isPresent();
    }

    public long withoutDpa() {
        return dossiers.stream().filter(d -> !d.vendor().details().hasDpa()).count();
    }

    public long reviewsOverdue() {
        return dossiers.stream().filter(d -> d.assessment().has(VendorFinding.Kind.REVIEW_OVERDUE)).count();
    }

    public long trainingOnCustomerData() {
        return dossiers.stream().filter(d -> d.vendor().details().training() == TrainingUse.YES).count();
    }

    public long agentsWithFallbackModel() {
        return plans.stream().filter(p -> !p.fallbackModel().isEmpty()).count();
    }

    public long agentsWithFallbackPlan() {
        return plans.stream().filter(p -> p.fallback().isPresent()).count();
    }

    public long multiProviderAgents() {
        return plans.stream().filter(p -> p.strategy() == ProviderStrategy.MULTI_PROVIDER).count();
    }

    /**
     * The evidence line beside the readiness "Vendor Management" score, e.g. "3 vendors, 1 without DPA,
     * 2 agents with a fallback model". It informs the person scoring; it never sets the score.
     */
    public String evidenceLine() {
        if (dossiers.isEmpty()) {
            return plans.isEmpty() ? "No vendors registered yet (arbiter vendor add)"
                    : "No vendors registered; " + count(plans.size(), "agent") + " with " + count(
                    agentsWithFallbackModel(), "fallback model", "fallback models");
        }
        StringBuilder b = new StringBuilder(count(dossiers.size(), "vendor"));
        b.append(", ").append(withoutDpa()).append(" without DPA");
        if (trainingOnCustomerData() > 0) {
            b.append(", ").append(trainingOnCustomerData()).append(" training on customer data");
        }
        if (reviewsOverdue() > 0) {
            b.append(", ").append(reviewsOverdue()).append(reviewsOverdue() == 1 ? " review" : " reviews")
                    .append(" overdue");
        }
        b.append(", ").append(count(agentsWithFallbackModel(), "agent")).append(" with a fallback model");
        b.append(", ").append(multiProviderAgents()).append(" multi-provider");
        if (!openChanges.isEmpty()) {
            b.append(", ").append(count(openChanges.size(), "open model change", "open model changes"));
        }
        return b.toString();
    }

    private static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many).toLowerCase(Locale.ROOT);
    }
}
