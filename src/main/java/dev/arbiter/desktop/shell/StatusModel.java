package dev.arbiter.desktop.shell;

import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.event.DatabaseConnectivity;
import javafx.application.Platform;
import dev.arbiter.desktop.DesktopContext;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the status bar shows. Screens and services write to it (the audit
 * screen's verification, the gateway's state, the queue's count); the bar
 * only binds.
 */
public final class StatusModel {

    private final StringProperty database = new SimpleStringProperty();
    private final javafx.beans.property.BooleanProperty databaseOffline = new javafx.beans.property.SimpleBooleanProperty();
    private final StringProperty gateway = new SimpleStringProperty("Gateway off");
    private final StringProperty pending = new SimpleStringProperty("No pending escalations");
    private final javafx.beans.property.IntegerProperty pendingCount = new javafx.beans.property.SimpleIntegerProperty();
    private final StringProperty ledger = new SimpleStringProperty("Ledger: checking…");
    private final javafx.beans.property.BooleanProperty ledgerBroken = new javafx.beans.property.SimpleBooleanProperty();

    public StatusModel(DesktopContext context) {
        var ws = context.workspace();
        String where = ws.database().describe() + (ws.database().isReadOnly() ? " (read-only: newer schema)" : "");
        database.set(where);
        // team mode: the server can go away; saves fail with a message until it is back
        ws.events().subscribe(DatabaseConnectivity.class, e -> Platform.runLater(() -> {
            databaseOffline.set(!e.online());
            database.set(e.online() ? where : "database offline · " + ws.database().describe()
                    + " · retrying; unsaved edits stay on screen");
        }));
        context.background().run(() -> ws.verifier().verify(), this::ledgerVerified,
                failure -> ledger.set("Ledger: could not verify (see log)"));
    }

    /** FX thread. */
    public void ledgerVerified(VerificationResult result) {
        ledgerBroken.set(!result.intact());
        if (result instanceof VerificationResult.Broken broken) {
            ledger.set("Ledger BROKEN at #" + broken.seq());
        } else {
            ledger.set("Ledger verified · " + String.format("%,d", result.checked()) + " entries");
        }
    }

    public StringProperty databaseProperty() { return database; }
    /** True while the team database cannot be reached. */
    public javafx.beans.property.BooleanProperty databaseOfflineProperty() { return databaseOffline; }
    public StringProperty gatewayProperty() { return gateway; }
    public StringProperty pendingProperty() { return pending; }
    /** How many escalations wait for a person (the window title shows it). */
    public javafx.beans.property.IntegerProperty pendingCountProperty() { return pendingCount; }
    public StringProperty ledgerProperty() { return ledger; }
    public javafx.beans.property.BooleanProperty ledgerBrokenProperty() { return ledgerBroken; }
}
