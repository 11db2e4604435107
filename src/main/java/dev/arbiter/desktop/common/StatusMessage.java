package dev.arbiter.desktop.common;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The one-line outcome a screen shows after an action: what happened, or what went wrong. */
public final class StatusMessage {

    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();

    public StringProperty textProperty() {
        return text;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public void info(String message) {
        error.set(false);
        text.set(message);
    }

    public void error(String message) {
        error.set(true);
        text.set(message);
    }
}
