package dev.arbiter.core.exercise;

import java.time.Duration;

/** The exercise clock as people read it: {@code 04:05} under an hour, {@code 1:04:05} from an hour. */
public final class ElapsedText {

    private ElapsedText() {
    }

    /** {@code d} as [h:]mm:ss; negative durations read as 00:00. */
    public static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%02d:%02d", m, sec);
    }
}
