package dev.arbiter.core.vendor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person enters about a vendor (the guide's Pillar 5 "Vendor Risk Management"): its data
 * processing agreement, whether it trains on customer data, where it keeps data, its certifications,
 * a contact, when it is next reviewed, and a rating a person may set above the rule's.
 *
 * @param id             short lower-case key agents name the vendor by, e.g. {@code anthropic}
 * @param dpaSigned      the date the DPA was signed; null when there is none
 * @param dpaFile        where the signed DPA is kept (a path, URL or document number); empty without a DPA
 * @param certifications e.g. "SOC 2 Type II", "ISO 27001"; kept in the order entered, without repeats
 * @param reviewDue      when the next due-diligence review is due; null when none is planned
 * @param assessedRisk   a person's rating; the effective rating is never lower than {@link VendorRisk}'s
 */
public record VendorDetails(String id, String name, VendorKind kind, LocalDate dpaSigned, String dpaFile,
                            TrainingUse training, String residency, List<String> certifications, String contact,
                            LocalDate reviewDue, RiskRating assessedRisk, String notes) {

    public VendorDetails {
        id = strip(id).toLowerCase(Locale.ROOT);
        name = strip(name);
        dpaFile = strip(dpaFile);
        training = training == null ? TrainingUse.UNKNOWN : training;
        residency = strip(residency);
        contact = strip(contact);
        notes = notes == null ? "" : notes.strip();
        certifications = distinct(certifications);
    }

    /** A vendor with only a name and kind: every other fact still to be found out. */
    public static VendorDetails named(String id, String name, VendorKind kind) {
        return new VendorDetails(id, name, kind, null, "", TrainingUse.UNKNOWN, "", List.of(), "", null, null, "");
    }

    public boolean hasDpa() {
        return dpaSigned != null;
    }

    /** True when {@code text} names this vendor: its id or its name, ignoring case and surrounding space. */
    public boolean isNamedBy(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String t = text.strip();
        return t.equalsIgnoreCase(id) || t.equalsIgnoreCase(name);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> distinct(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items == null ? List.<String>of() : items) {
            String s = strip(item);
            if (!s.isEmpty() && out.stream().noneMatch(s::equalsIgnoreCase)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
