package dev.arbiter.core.vendor;

import java.util.List;

/**
 * A vendor's effective risk rating on a given day and the findings behind it.
 *
 * @param ruleRating the rating the findings alone force ({@link VendorRisk})
 * @param rating     the effective rating: the higher of the rule's and the person's
 */
public record VendorAssessment(RiskRating ruleRating, RiskRating rating, List<VendorFinding> findings) {

    public VendorAssessment {
        findings = List.copyOf(findings);
    }

    public boolean has(VendorFinding.Kind kind) {
        return findings.stream().anyMatch(f -> f.kind() == kind);
    }
}
