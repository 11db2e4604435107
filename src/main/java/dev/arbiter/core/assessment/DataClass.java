package dev.arbiter.core.assessment;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** The data types of the guide's template, and the regulations each usually brings in (its Pillar 2). */
public enum DataClass {
    PII("PII", "Personal data", EnumSet.of(Regulation.GDPR, Regulation.CCPA)),
    PHI("PHI", "Health data", EnumSet.of(Regulation.HIPAA)),
    FINANCIAL("Financial", "Payment and financial data",
            EnumSet.of(Regulation.PCI_DSS, Regulation.SOC_2, Regulation.FINRA)),
    PUBLIC("Public", "Public data", EnumSet.noneOf(Regulation.class));

    private final String label;
    private final String description;
    private final EnumSet<Regulation> suggests;

    DataClass(String label, String description, EnumSet<Regulation> suggests) {
        this.label = label;
        this.description = description;
        this.suggests = suggests;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Set<Regulation> suggests() {
        return EnumSet.copyOf(suggests);
    }

    /** Every regulation suggested by any of the classes, in the regulations' order. */
    public static Set<Regulation> suggestionsFor(Collection<DataClass> classes) {
        Set<Regulation> all = EnumSet.noneOf(Regulation.class);
        classes.forEach(c -> all.addAll(c.suggests));
        return all;
    }
}
