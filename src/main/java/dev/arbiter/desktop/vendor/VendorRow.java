package dev.arbiter.desktop.vendor;

import dev.arbiter.core.vendor.VendorDetails;
import dev.arbiter.core.vendor.VendorDossier;
import dev.arbiter.core.vendor.VendorFinding;

/** One vendor as the register table shows it: its facts in words, the computed risk and the person's. */
public record VendorRow(VendorDossier dossier) {

    public VendorDetails details() {
        return dossier.vendor().details();
    }

    public String dpa() {
        return details().hasDpa() ? details().dpaSigned() + " · " + details().dpaFile() : "none";
    }

    public String training() {
        return details().training().label();
    }

    public String certifications() {
        return details().certifications().isEmpty() ? "none" : String.join(", ", details().certifications());
    }

    /** "2027-03-01", "2026-06-30 · overdue", or "not planned". */
    public String review() {
        if (details().reviewDue() == null) {
            return "not planned";
        }
        return details().reviewDue() + (dossier.assessment().has(VendorFinding.Kind.REVIEW_OVERDUE) ? " · overdue" : "");
    }

    public boolean reviewOverdue() {
        return dossier.assessment().has(VendorFinding.Kind.REVIEW_OVERDUE);
    }

    /** The effective rating: the rule's, raised by the person's. */
    public String risk() {
        return dossier.assessment().rating().label();
    }

    public String personsRating() {
        return details().assessedRisk() == null ? "—" : details().assessedRisk().label();
    }

    /** The findings behind the rating, one per line. */
    public String findings() {
        return String.join("\n", dossier.assessment().findings().stream().map(VendorFinding::text).toList());
    }

    public String agents() {
        return String.valueOf(dossier.agents().size());
    }
}
