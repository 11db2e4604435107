package dev.arbiter.core;

import dev.arbiter.core.store.Settings;

/**
 * Who a human action is recorded as: the reviewer name from Settings, else the
 * operating-system user. Faces prefix it ({@code cli:}) where the channel matters.
 */
public final class Actor {

    public static final String SETTING = "reviewer.name";

    private Actor() {
    }

    public static String current(Settings settings) {
        return settings.get(SETTING).filter(s -> !s.isBlank()).orElseGet(Actor::osUser);
    }

    public static String osUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
