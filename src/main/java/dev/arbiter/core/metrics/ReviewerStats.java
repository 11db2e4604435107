package dev.arbiter.core.metrics;

import java.time.Duration;
import java.util.List;

/**
 * One reviewer's month: reviews, approvals, median and mean time from queued to decided, the share
 * decided within {@link RubberStamp#QUICK}, the longest run of approvals in a row, and the
 * rubber-stamp warnings those figures raise.
 */
public record ReviewerStats(String reviewer, long reviews, long approvals, Duration medianTimeToDecide,
                            Duration meanTimeToDecide, double quickShare, long longestApprovalStreak,
                            List<String> warnings) {

    /** Approvals out of reviews, 0 to 1. */
    public double approvalRate() {
        return reviews == 0 ? 0 : (double) approvals / reviews;
    }
}
