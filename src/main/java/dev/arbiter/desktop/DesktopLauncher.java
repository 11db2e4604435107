package dev.arbiter.desktop;

import javafx.application.Application;

/** Starts the JavaFX application from the plain {@code Main}. */
public final class DesktopLauncher {

    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(ArbiterApp.class, args);
    }
}
