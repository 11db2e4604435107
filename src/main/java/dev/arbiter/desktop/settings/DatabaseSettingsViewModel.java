package dev.arbiter.desktop.settings;

import dev.arbiter.core.store.ConnectionCheck;
import dev.arbiter.core.store.DataDirectory;
import dev.arbiter.core.store.DatabaseProbe;
import dev.arbiter.core.store.DatabaseUrl;
import dev.arbiter.core.store.StoreLocations;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.TaskRunner;
import java.util.Map;
import java.util.function.BiFunction;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings › Database: where the workspace's data lives, as a team database URL
 * ({@code postgresql://host:5432/arbiter?user=NAME}) or empty for the SQLite
 * file in the data directory (issue 14).
 *
 * <p>Rules: the URL is checked as it is typed and the message names the part
 * that is wrong (scheme, host, port, database, a password); "Test connection"
 * runs off the UI thread with {@link #checkingProperty() progress} and writes
 * nothing; Save writes the URL to the data directory's
 * {@value StoreLocations#URL_FILE} file and it applies <b>when Arbiter next
 * starts</b> — switching the open workspace live would drop the running
 * gateway's long polls and every screen's unsaved text, so it is never done
 * behind the user's back. The password typed for a test lives in memory only:
 * it is neither saved nor logged; every start reads {@code PGPASSWORD} or
 * {@code ~/.pgpass}, or asks.
 */
public final class DatabaseSettingsViewModel {

    private final DataDirectory directory;
    private final String current;
    private final Map<String, String> env;
    private final TaskRunner runner;
    private final BiFunction<DatabaseUrl, String, ConnectionCheck> probe;

    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final BooleanProperty passwordWanted = new SimpleBooleanProperty();
    /** Bumped by every edit and test, so a late answer about an older URL is dropped. */
    private long generation;

    /**
     * @param directory the data directory, where the URL is saved
     * @param current   what this session runs on, for the messages ({@code Database.describe()})
     * @param env       the process environment ({@code ARBITER_DATABASE_URL} overrides the saved URL)
     * @param runner    runs the probe and the file write off the UI thread
     */
    public DatabaseSettingsViewModel(DataDirectory directory, String current, Map<String, String> env,
            TaskRunner runner) {
        this(directory, current, env, runner, DatabaseProbe::check);
    }

    DatabaseSettingsViewModel(DataDirectory directory, String current, Map<String, String> env, TaskRunner runner,
            BiFunction<DatabaseUrl, String, ConnectionCheck> probe) {
        this.directory = directory;
        this.current = current;
        this.env = env;
        this.runner = runner;
        this.probe = probe;
        url.addListener((o, was, now) -> {
            generation++;
            validate();
            message.set("");
            messageIsError.set(false);
        });
    }

    /** The URL as typed; empty means the SQLite file in the data directory. */
    public StringProperty urlProperty() { return url; }
    /** A password for "Test connection" only; never saved. */
    public StringProperty passwordProperty() { return password; }
    /** What is wrong with the URL as typed, naming the part; empty when it is valid or empty. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** The outcome of the last test or save. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    /** True while a connection test runs. */
    public ReadOnlyBooleanProperty checkingProperty() { return checking.getReadOnlyProperty(); }
    /** True once a test found that the server wants a password (the view shows the password field). */
    public BooleanProperty passwordWantedProperty() { return passwordWanted; }

    /** "This session: …", for the line under the field. */
    public String currentDescription() {
        String override = env.get(StoreLocations.ENV);
        return "This session uses " + current + "."
                + (override == null || override.isBlank() ? ""
                        : " ARBITER_DATABASE_URL is set in the environment and takes precedence over the URL saved "
                                + "here.");
    }

    /** Reads the saved URL into the field (empty when none is saved). */
    public void load() {
        runner.run(() -> StoreLocations.saved(directory).orElse(""), saved -> {
            url.set(saved);
            message.set("");
        }, failure -> error(Dialogs.messageOf(failure)));
    }

    private DatabaseUrl validate() {
        String text = url.get() == null ? "" : url.get().strip();
        if (text.isEmpty()) {
            problem.set("");
            return null;
        }
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(text);
            problem.set("");
            return parsed;
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return null;
        }
    }

    /** Tries the URL as typed, off the UI thread; the outcome lands in {@link #messageProperty()}. */
    public void testConnection() {
        DatabaseUrl parsed = validate();
        if (parsed == null) {
            error(problem.get().isEmpty()
                    ? "The field is empty: Arbiter uses the SQLite file in " + directory.root() + ", nothing to test."
                    : "Not tested: " + problem.get());
            return;
        }
        long asked = ++generation;
        String typed = password.get() == null || password.get().isEmpty() ? null : password.get();
        checking.set(true);
        info("Connecting to " + parsed + "…");
        runner.run(() -> probe.apply(parsed, typed), check -> {
            if (asked != generation) {
                return; // the URL changed meanwhile: this answer is about another one
            }
            checking.set(false);
            if (check instanceof ConnectionCheck.Reached) {
                info(check.message());
            } else {
                passwordWanted.set(passwordWanted.get() || check instanceof ConnectionCheck.PasswordNeeded);
                error(check.message());
            }
        }, failure -> {
            if (asked == generation) {
                checking.set(false);
                error("The test failed: " + Dialogs.messageOf(failure));
            }
        });
    }

    /**
     * Saves the URL for the next start (an empty field: back to the SQLite file). An invalid URL is not
     * saved and the message says which part to fix.
     */
    public void save() {
        String text = url.get() == null ? "" : url.get().strip();
        DatabaseUrl parsed = validate();
        if (!text.isEmpty() && parsed == null) {
            error("Not saved: " + problem.get());
            return;
        }
        runner.run(() -> {
            StoreLocations.save(directory, text);
            return null;
        }, ok -> info((parsed == null ? "Saved: Arbiter opens the SQLite file " + directory.database()
                : "Saved: Arbiter opens " + parsed) + " the next time it starts; this session stays on " + current
                + ". The password is not saved: set PGPASSWORD or use ~/.pgpass, or type it when Arbiter asks."),
                failure -> error("Not saved: " + Dialogs.messageOf(failure)));
    }

    private void info(String text) {
        messageIsError.set(false);
        message.set(text);
    }

    private void error(String text) {
        messageIsError.set(true);
        message.set(text);
    }
}
