package dev.arbiter.core.alert;

import java.util.Arrays;
import java.util.Optional;

/** Open until a person triages the alert as a true or a false positive (issue 16: false-positive rate from triage). */
public enum AlertStatus {
    OPEN("open"), TRUE_POSITIVE("true_positive"), FALSE_POSITIVE("false_positive");

    private final String key;

    AlertStatus(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<AlertStatus> ofKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
