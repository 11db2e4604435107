package dev.arbiter.core.assessment;

import java.util.List;
import java.util.Objects;

/**
 * One row of the risk evaluation: a category, its inherent likelihood and
 * impact (before mitigation), the mitigation and its owner, and the residual
 * likelihood and impact expected once the mitigation is in place. Each of the
 * four numbers is 1-5, or null until the user picks it: a draft keeps a
 * half-scored row exactly as it was left.
 *
 * @param fromGuide true for the guide's six categories, which stay in every
 *                  assessment (rate one 1 x 1 if it does not apply); user-added
 *                  categories can be removed
 */
public record Risk(String category, boolean fromGuide, Integer likelihood, Integer impact, String mitigation,
                   String owner, Integer residualLikelihood, Integer residualImpact) {

    /** The guide's six risk categories, in its order. */
    public static final List<String> GUIDE_CATEGORIES = List.of("Data exfiltration", "Unauthorized actions",
            "Hallucinated decisions", "Cascading failures", "Compliance violations", "Cost overruns");

    public Risk {
        category = Objects.requireNonNullElse(category, "").strip();
        mitigation = Objects.requireNonNullElse(mitigation, "");
        owner = Objects.requireNonNullElse(owner, "").strip();
        check("likelihood", likelihood);
        check("impact", impact);
        check("residual likelihood", residualLikelihood);
        check("residual impact", residualImpact);
    }

    private static void check(String what, Integer value) {
        if (value != null && (value < 1 || value > 5)) {
            throw new IllegalArgumentException(what + " is rated 1 to 5, not " + value);
        }
    }

    public static Risk unscored(String category, boolean fromGuide) {
        return new Risk(category, fromGuide, null, null, "", "", null, null);
    }

    /** A fully scored risk. */
    public static Risk of(String category, boolean fromGuide, Rating inherent, String mitigation, String owner,
                          Rating residual) {
        return new Risk(category, fromGuide, inherent.likelihood(), inherent.impact(), mitigation, owner,
                residual.likelihood(), residual.impact());
    }

    /** The six guide categories, not yet scored: what a new assessment starts with. */
    public static List<Risk> guideDefaults() {
        return GUIDE_CATEGORIES.stream().map(c -> unscored(c, true)).toList();
    }

    /** The rating before mitigation, null until both likelihood and impact are chosen. */
    public Rating inherent() {
        return Rating.ofNullable(likelihood, impact);
    }

    /** The rating after mitigation, null until both residual numbers are chosen. */
    public Rating residual() {
        return Rating.ofNullable(residualLikelihood, residualImpact);
    }
}
