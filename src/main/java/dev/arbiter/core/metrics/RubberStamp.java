package dev.arbiter.core.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a reviewer's approvals look like rubber-stamping (issue 16; the guide warns that a human in the
 * loop who approves everything is no control). Arbiter's thresholds, chosen because a gated action
 * carries a summary, reasoning and risk factors that take more than a few seconds to read:
 * <ul>
 * <li>very short reviews: at least {@value #MIN_REVIEWS} reviews in the month and half or more of
 *     them decided within {@link #QUICK} (5 s) of being queued;</li>
 * <li>a long streak: {@value #STREAK} or more approvals in a row without a single denial.</li>
 * </ul>
 */
public final class RubberStamp {

    public static final Duration QUICK = Duration.ofSeconds(5);
    public static final int MIN_REVIEWS = 10;
    public static final double QUICK_SHARE = 0.5;
    public static final int STREAK = 25;

    private RubberStamp() {
    }

    static List<String> warnings(long reviews, double quickShare, long streak) {
        List<String> w = new ArrayList<>(2);
        if (reviews >= MIN_REVIEWS && quickShare >= QUICK_SHARE) {
            w.add(String.format(java.util.Locale.ROOT, "%.0f%% of reviews decided within %d s",
                    quickShare * 100, QUICK.toSeconds()));
        }
        if (streak >= STREAK) {
            w.add(streak + " approvals in a row");
        }
        return w;
    }
}
