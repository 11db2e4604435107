package dev.arbiter.core.vendor;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The vendor risk rule (ours; the guide names the facts, not a scale). Each due-diligence gap forces a
 * lowest rating, and the effective rating is the highest of those and of the rating a person set:
 * <ul>
 *   <li><b>high</b>: no DPA signed, or the vendor may train on customer data (Pillar 5: "ensure your
 *       LLM provider's DPA covers agentic use cases … clarify whether … data is used for training");</li>
 *   <li><b>medium</b>: training use unknown, the review overdue or never planned, or no security
 *       certification on record (SOC 2, ISO 27001 or another);</li>
 *   <li><b>low</b>: none of these. A missing data residency is a finding but raises nothing.</li>
 * </ul>
 * A person can rate a vendor higher than the rule (a known breach, a weak contract), never lower: a
 * missing DPA cannot be rated away.
 */
public final class VendorRisk {

    private VendorRisk() {
    }

    /** The findings and the effective rating of {@code v} on {@code today} (a review due today is not overdue). */
    public static VendorAssessment assess(VendorDetails v, LocalDate today) {
        List<VendorFinding> findings = new ArrayList<>();
        if (!v.hasDpa()) {
            findings.add(new VendorFinding(VendorFinding.Kind.NO_DPA,
                    "No data processing agreement on file: sign one that covers agentic use and record its date"));
        }
        switch (v.training()) {
            case YES -> findings.add(new VendorFinding(VendorFinding.Kind.TRAINS_ON_CUSTOMER_DATA,
                    "May use customer data for training: opt out in the contract or keep customer data away"));
            case UNKNOWN -> findings.add(new VendorFinding(VendorFinding.Kind.TRAINING_UNKNOWN,
                    "Unknown whether customer data is used for training: check the DPA and record the answer"));
            case NO -> { }
        }
        if (v.reviewDue() == null) {
            findings.add(new VendorFinding(VendorFinding.Kind.NO_REVIEW_DATE,
                    "No review date: plan the next due-diligence review"));
        } else if (today.isAfter(v.reviewDue())) {
            long days = ChronoUnit.DAYS.between(v.reviewDue(), today);
            findings.add(new VendorFinding(VendorFinding.Kind.REVIEW_OVERDUE, "Review overdue since "
                    + v.reviewDue() + " (" + days + (days == 1 ? " day" : " days") + "): review the vendor and "
                    + "set the next date"));
        }
        if (v.certifications().isEmpty()) {
            findings.add(new VendorFinding(VendorFinding.Kind.NO_CERTIFICATION,
                    "No security certification on record (e.g. SOC 2 Type II, ISO 27001)"));
        }
        if (v.residency().isEmpty()) {
            findings.add(new VendorFinding(VendorFinding.Kind.NO_RESIDENCY,
                    "Data residency not recorded: say where the vendor stores and processes data"));
        }
        RiskRating rule = RiskRating.LOW;
        for (VendorFinding f : findings) {
            rule = rule.max(f.kind().floor());
        }
        return new VendorAssessment(rule, rule.max(v.assessedRisk()), findings);
    }
}
