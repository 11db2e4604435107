package dev.arbiter.desktop.shell;

import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Decides whether the window may close while steps made with the team database offline still wait for it
 * (issue 20 "nothing lost"; {@link dev.arbiter.desktop.common.Background} keeps up to 64 of them in memory).
 * A parked save is code holding what the person typed, so it cannot outlive the process: closing with some
 * waiting asks first, and the person chooses to close once they are saved, to keep the window open, or to
 * discard them (named with their count). Nothing is dropped without that answer.
 *
 * <p>Toolkit-free (a ViewModel): the question is asked through {@code ask}, closing is {@code close}; all
 * methods run on the UI thread.
 */
public final class CloseGuard {

    /** The person's answer when steps wait for the database. */
    public enum Choice {
        /** Keep the window open and close it by itself once the last waiting step is saved. */
        CLOSE_WHEN_SAVED,
        /** Do not close. */
        KEEP_OPEN,
        /** Drop the waiting steps (their count is named in the question) and close now. */
        DISCARD_AND_CLOSE
    }

    private final ReadOnlyIntegerProperty waiting;
    private final IntFunction<Choice> ask;
    private final IntSupplier discard;
    private final Runnable close;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private boolean closeWhenSaved;

    /**
     * @param waiting how many steps wait for the database (0 to 64)
     * @param ask     asks the person what to do with that many waiting steps; null means {@link Choice#KEEP_OPEN}
     * @param discard drops the waiting steps, returning how many were dropped
     * @param close   closes the window (after which the application stops)
     */
    public CloseGuard(ReadOnlyIntegerProperty waiting, IntFunction<Choice> ask, IntSupplier discard,
                      Runnable close) {
        this.waiting = waiting;
        this.ask = ask;
        this.discard = discard;
        this.close = close;
        waiting.addListener((o, was, now) -> {
            if (closeWhenSaved && now.intValue() == 0) {
                closeWhenSaved = false;
                notice.set("");
                close.run();
            } else if (closeWhenSaved) {
                notice.set(closingText(now.intValue()));
            }
        });
    }

    /**
     * The window is asked to close (its close button, Alt+F4): true when it may close now; false when it stays
     * open (the caller consumes the request), having asked the person if anything waits.
     */
    public boolean mayClose() {
        int count = waiting.get();
        if (count == 0) {
            return true;
        }
        Choice choice = ask.apply(count);
        switch (choice == null ? Choice.KEEP_OPEN : choice) {
            case CLOSE_WHEN_SAVED -> {
                closeWhenSaved = true;
                notice.set(closingText(count));
                return false;
            }
            case DISCARD_AND_CLOSE -> {
                discard.getAsInt();
                closeWhenSaved = false;
                notice.set("");
                return true;
            }
            default -> {
                closeWhenSaved = false;
                notice.set("");
                return false;
            }
        }
    }

    /** "Arbiter closes once the 3 waiting steps are saved", empty when no close waits. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** The question's text for {@code count} waiting steps (the dialog shows it). */
    public static String question(int count, String database) {
        return steps(count) + " made while " + database + " was offline " + (count == 1 ? "waits" : "wait")
                + " to be saved. Arbiter saves " + (count == 1 ? "it" : "them")
                + " as soon as the database answers; if you close now " + (count == 1 ? "it is" : "they are")
                + " lost.";
    }

    /** The label of the discard button, naming what is lost. */
    public static String discardLabel(int count) {
        return "Discard " + steps(count) + " and close";
    }

    private static String closingText(int count) {
        return "Arbiter closes once the " + steps(count) + " waiting for the database "
                + (count == 1 ? "is" : "are") + " saved (close again to choose otherwise).";
    }

    private static String steps(int count) {
        return count == 1 ? "1 step" : count + " steps";
    }
}
