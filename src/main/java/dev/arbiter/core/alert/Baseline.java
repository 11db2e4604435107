package dev.arbiter.core.alert;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What is usual for one agent, learnt from its own decisions: the moving mean of actions per active
 * minute (exponentially weighted, {@value #WEIGHT} per minute, so about the last 20 active minutes
 * count most), how many active minutes and decisions it has seen, and its decisions per UTC hour of
 * day. Mutable; owned by the detector thread.
 */
final class Baseline {

    /** Weight of the newest active minute in the moving mean. */
    static final double WEIGHT = 0.05;
    /** Active minutes before the rate rule trusts the mean. */
    static final long WARMUP_MINUTES = 10;
    /**
     * Active UTC days before "usual hours" mean anything: after one day, its last working hour would
     * look unusual (found by {@code NormalStreamProperties}).
     */
    static final long WARMUP_DAYS = 3;

    private long minutes;
    private double perMinute;
    private long decisions;
    private final long[] hours;
    private long days;
    private long lastDay;

    private Baseline(long minutes, double perMinute, long decisions, long[] hours, long days, long lastDay) {
        this.minutes = minutes;
        this.perMinute = perMinute;
        this.decisions = decisions;
        this.hours = hours;
        this.days = days;
        this.lastDay = lastDay;
    }

    static Baseline empty() {
        return new Baseline(0, 0, 0, new long[24], 0, Long.MIN_VALUE);
    }

    static Baseline of(long minutes, double perMinute, long decisions, String hoursJson, long days, long lastDay) {
        long[] hours = new long[24];
        String body = hoursJson.replace("[", "").replace("]", "").trim();
        if (!body.isEmpty()) {
            String[] parts = body.split(",");
            for (int i = 0; i < Math.min(24, parts.length); i++) {
                hours[i] = Long.parseLong(parts[i].trim());
            }
        }
        return new Baseline(minutes, perMinute, decisions, hours, days, lastDay);
    }

    /** A finished active minute with {@code actions} actions. */
    void minuteDone(long actions) {
        perMinute = minutes == 0 ? actions : perMinute + WEIGHT * (actions - perMinute);
        minutes++;
    }

    /** A decision at {@code utcHour} of epoch day {@code epochDay}. */
    void decided(long epochDay, int utcHour) {
        decisions++;
        hours[utcHour]++;
        if (epochDay > lastDay) {
            days++;
            lastDay = epochDay;
        }
    }

    /** Distinct UTC days with decisions (counted as days move forward). */
    long days() {
        return days;
    }

    long lastDay() {
        return lastDay;
    }

    long minutes() {
        return minutes;
    }

    double perMinute() {
        return perMinute;
    }

    long decisions() {
        return decisions;
    }

    long inHour(int utcHour) {
        return hours[utcHour];
    }

    String hoursJson() {
        return Arrays.stream(hours).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
