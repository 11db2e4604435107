package dev.arbiter.core.policy;

import java.math.BigDecimal;

/**
 * A daily token and cost budget: a hard limit, and the share of it at which an
 * alert is raised. Null limits mean none.
 */
public record DailyBudget(Long tokens, BigDecimal costUsd, int alertPercent) {

    public static final int DEFAULT_ALERT_PERCENT = 80;
    public static final DailyBudget NONE = new DailyBudget(null, null, DEFAULT_ALERT_PERCENT);

    public DailyBudget {
        if (alertPercent < 1 || alertPercent > 100) {
            throw new IllegalArgumentException("the budget alert must be between 1 and 100 percent, not "
                    + alertPercent);
        }
        if (tokens != null && tokens < 0 || costUsd != null && costUsd.signum() < 0) {
            throw new IllegalArgumentException("a budget cannot be negative");
        }
    }

    public boolean isLimited() {
        return tokens != null || costUsd != null;
    }
}
