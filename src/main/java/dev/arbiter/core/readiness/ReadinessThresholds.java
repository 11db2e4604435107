package dev.arbiter.core.readiness;

import dev.arbiter.core.store.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The numbers the verdict and the next steps depend on, from workspace
 * settings with the guide's values as defaults.
 *
 * @param readyMinimum total at or above which the organisation is ready (guide: 20 of 30)
 * @param warningScore a dimension at or below this gets a warning even when the total passes (1)
 * @param weakScore    dimensions at or below this get recommended next steps (3: "partially ready")
 */
public record ReadinessThresholds(int readyMinimum, int warningScore, int weakScore) {

    public static final String READY_MINIMUM = "readiness.ready_minimum";
    public static final String WARNING_SCORE = "readiness.warning_score";
    public static final String WEAK_SCORE = "readiness.weak_score";

    public static final ReadinessThresholds GUIDE = new ReadinessThresholds(20, 1, 3);

    private static final Logger LOG = LoggerFactory.getLogger(ReadinessThresholds.class);

    public ReadinessThresholds {
        if (readyMinimum < Dimension.values().length || readyMinimum > Assessment.MAX_TOTAL) {
            throw new IllegalArgumentException(READY_MINIMUM + " must be 6 to 30, not " + readyMinimum);
        }
        if (warningScore < 0 || warningScore > 5) {
            throw new IllegalArgumentException(WARNING_SCORE + " must be 0 (no warnings) to 5, not " + warningScore);
        }
        if (weakScore < 0 || weakScore > 5) {
            throw new IllegalArgumentException(WEAK_SCORE + " must be 0 to 5, not " + weakScore);
        }
    }

    /** The thresholds in force; a setting that is out of range is logged and the guide's value used. */
    public static ReadinessThresholds from(Settings settings) {
        int ready = settings.getInt(READY_MINIMUM, GUIDE.readyMinimum());
        int warning = settings.getInt(WARNING_SCORE, GUIDE.warningScore());
        int weak = settings.getInt(WEAK_SCORE, GUIDE.weakScore());
        try {
            return new ReadinessThresholds(ready, warning, weak);
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring readiness settings ({}); using the guide's thresholds", e.getMessage());
            return GUIDE;
        }
    }
}
