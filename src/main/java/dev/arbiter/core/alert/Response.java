package dev.arbiter.core.alert;

import java.util.Arrays;
import java.util.Optional;

/** What a rule does by itself when it fires, besides raising the alert (issue 16: optional automatic response). */
public enum Response {
    NONE("none"), PAUSE("pause"), KILL("kill");

    private final String key;

    Response(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Response> ofKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
