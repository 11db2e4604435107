package dev.arbiter.core.alert;

import java.time.Duration;

/**
 * One alert rule as configured: its kind, whether it is on, the window it counts over (also the
 * de-duplication period: one alert per rule and agent per window), its figures and its automatic
 * response. {@code threshold} and {@code minimum} mean what {@link RuleKind} says for the kind.
 */
public record AlertRule(RuleKind kind, boolean enabled, Duration window, double threshold, long minimum,
                        Response response) {

    public AlertRule {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rule's window must be positive");
        }
    }

    public AlertRule withEnabled(boolean on) {
        return new AlertRule(kind, on, window, threshold, minimum, response);
    }

    public AlertRule withWindow(Duration w) {
        return new AlertRule(kind, enabled, w, threshold, minimum, response);
    }

    public AlertRule withThreshold(double t) {
        return new AlertRule(kind, enabled, window, t, minimum, response);
    }

    public AlertRule withMinimum(long m) {
        return new AlertRule(kind, enabled, window, threshold, m, response);
    }

    public AlertRule withResponse(Response r) {
        return new AlertRule(kind, enabled, window, threshold, minimum, r);
    }
}
