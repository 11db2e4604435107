package dev.arbiter.core.agent;

/** A model change step the rules refuse: the message says why and what can be done instead. */
public class ModelChangeException extends IllegalArgumentException {

    public ModelChangeException(String message) {
        super(message);
    }
}
