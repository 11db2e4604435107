package dev.arbiter.core.assessment;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The "Data Classification" of the guide's template, plus the regulations the
 * user confirmed as applying (the data classes only suggest them: FINRA, for
 * one, applies to broker-dealers, not to every system holding financial data).
 */
public record DataClassification(Set<DataClass> classes, Set<Regulation> regulations, String residency,
                                 String retention) {

    public DataClassification {
        classes = Collections.unmodifiableSet(classes == null || classes.isEmpty()
                ? EnumSet.noneOf(DataClass.class) : EnumSet.copyOf(classes));
        regulations = Collections.unmodifiableSet(regulations == null || regulations.isEmpty()
                ? EnumSet.noneOf(Regulation.class) : EnumSet.copyOf(regulations));
        residency = Objects.requireNonNullElse(residency, "");
        retention = Objects.requireNonNullElse(retention, "");
    }

    public static DataClassification empty() {
        return new DataClassification(Set.of(), Set.of(), "", "");
    }

    /** Regulations the classes suggest that the user has not marked as applying. */
    public Set<Regulation> unconfirmedSuggestions() {
        Set<Regulation> open = DataClass.suggestionsFor(classes);
        open.removeAll(regulations);
        return open;
    }
}
