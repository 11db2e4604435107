package dev.arbiter.core.vendor;

import dev.arbiter.core.agent.ModelChangeRequest;
import java.util.List;

/**
 * One vendor's due-diligence file: its register entry, today's findings and rating, the agents that use
 * it (as primary or fallback provider) and their open model change requests.
 */
public record VendorDossier(Vendor vendor, VendorAssessment assessment, List<AgentProviderPlan> agents,
                            List<ModelChangeRequest> openChanges) {

    public VendorDossier {
        agents = List.copyOf(agents);
        openChanges = List.copyOf(openChanges);
    }
}
