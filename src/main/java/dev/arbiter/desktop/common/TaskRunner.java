package dev.arbiter.desktop.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Runs a core call off the JavaFX thread and hands its result or failure back on it ({@link Background});
 * ViewModels take one, so plain JUnit tests give them a runner that works on the calling thread.
 */
public interface TaskRunner extends AutoCloseable {

    /** Runs {@code work}; exactly one of the callbacks follows, on the UI thread. */
    <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * The database went away (issue 14): a runner that keeps saves for later starts keeping them, as the
     * desktop's {@link Background} does; a runner that keeps none ignores it.
     */
    default void databaseLost() {
    }

    /** The database is back: saves kept meanwhile run now, oldest first. */
    default void databaseBack() {
    }

    /** How many saves wait for the database (0 to {@link Background#MAX_PARKED}); always 0 if none are kept. */
    default ReadOnlyIntegerProperty waitingSavesProperty() {
        return new ReadOnlyIntegerWrapper(0).getReadOnlyProperty();
    }

    /** Stops taking work; a runner that holds no threads has nothing to do. */
    @Override
    default void close() {
    }
}
