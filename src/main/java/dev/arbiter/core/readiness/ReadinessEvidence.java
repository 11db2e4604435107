package dev.arbiter.core.readiness;

import dev.arbiter.core.exercise.Exercises;
import dev.arbiter.core.vendor.VendorOverview;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What Arbiter itself knows about a dimension, shown beside the assessor's score as evidence. It never
 * changes a score: the score stays the person's judgement (issue 17: completed tabletop exercises feed
 * "Incident Response" as evidence, "never change the user's score by itself").
 */
public record ReadinessEvidence(Map<Dimension, List<String>> lines) {

    public static final ReadinessEvidence NONE = new ReadinessEvidence(Map.of());

    public ReadinessEvidence {
        lines = Map.copyOf(lines);
    }

    /**
     * The evidence of the workspace: completed tabletop exercises under "Incident Response", the vendor
     * register and the agents' fallbacks under "Vendor Management".
     */
    public static ReadinessEvidence gather(Exercises exercises, VendorOverview vendors) {
        Map<Dimension, List<String>> out = new EnumMap<>(Dimension.class);
        out.put(Dimension.INCIDENT_RESPONSE, List.of(exercises.evidence().summary()));
        out.put(Dimension.VENDOR_MANAGEMENT, List.of(vendors.evidenceLine()));
        return new ReadinessEvidence(out);
    }

    /** The lines for {@code d}, empty when Arbiter has none. */
    public List<String> of(Dimension d) {
        return lines.getOrDefault(d, List.of());
    }
}
