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

    private long minutes;
    private double perMinute;
    private long decisions;
    private final long[] hours;

    private Baseline(long minutes, double perMinute, long decisions, long[] hours) {
        this.minutes = minutes;
        this.perMinute = perMinute;
        this.decisions = decisions;
        this.hours = hours;
    }

    static Baseline empty() {
        return new Baseline(0, 0, 0, new long[24]);
    }

    static Baseline of(long minutes, double perMinute, long decisions, String hoursJson) {
        long[] hours = new long[24];
        String body = hoursJson.replace("[", "").replace("]", "").trim();
        if (!body.isEmpty()) {
            String[] parts = body.split(",");
            for (int i = 0; i < Math.min(24, parts.length); i++) {
                hours[i] = Long.parseLong(parts[i].trim());
            }
        }
        return new Baseline(minutes, perMinute, decisions, hours);
    }

    /** A finished active minute with {@code actions} actions. */
    void minuteDone(long actions) {
        perMinute = minutes == 0 ? actions : perMinute + WEIGHT * (actions - perMinute);
        minutes++;
    }

    void decided(int utcHour) {
        decisions++;
        hours[utcHour]++;
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
