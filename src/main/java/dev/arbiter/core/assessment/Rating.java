package dev.arbiter.core.assessment;

import java.util.List;

/**
 * A likelihood and an impact, each 1-5 as in the guide's template; the score
 * is their product and falls in a {@link RiskBand}.
 */
public record Rating(int likelihood, int impact) {

    /** The words behind each likelihood point, shown next to the numbers in the editor and the report. */
    public static final List<String> LIKELIHOOD_SCALE = List.of("Rare", "Unlikely", "Possible", "Likely",
            "Almost certain");
    /** The words behind each impact point. */
    public static final List<String> IMPACT_SCALE = List.of("Minimal", "Minor", "Moderate", "Major", "Severe");

    public Rating {
        check("likelihood", likelihood);
        check("impact", impact);
    }

    private static void check(String what, int value) {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException(what + " is rated 1 to 5, not " + value);
        }
    }

    public int score() {
        return likelihood * impact;
    }

    public RiskBand band() {
        return RiskBand.of(score());
    }

    /** "3 x 4 = 12". */
    public String describe() {
        return likelihood + " \u00d7 " + impact + " = " + score();
    }

    /** A rating when both parts are chosen, else null (not yet scored). */
    public static Rating ofNullable(Integer likelihood, Integer impact) {
        return likelihood == null || impact == null ? null : new Rating(likelihood, impact);
    }
}
