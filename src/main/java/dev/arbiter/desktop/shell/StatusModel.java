package dev.arbiter.desktop.shell;

import dev.arbiter.core.audit.VerificationResult;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.event.DatabaseConnectivity;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.desktop.common.FxTicker;
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
    private final StringProperty closing = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty databaseOffline = new javafx.beans.property.SimpleBooleanProperty();
    private final StringProperty gateway = new SimpleStringProperty("Gateway off");
    private final StringProperty pending = new SimpleStringProperty("No pending escalations");
    private final javafx.beans.property.IntegerProperty pendingCount = new javafx.beans.property.SimpleIntegerProperty();
    private final StringProperty ledger = new SimpleStringProperty("Ledger: checking…");
    private final javafx.beans.property.BooleanProperty ledgerBroken = new javafx.beans.property.SimpleBooleanProperty();

    public StatusModel(DesktopContext context) {
        var ws = context.workspace();
        this.databaseName = ws.database().describe();
        String where = ws.database().describe() + (ws.database().isReadOnly() ? " (read-only: newer schema)" : "");
        database.set(where);
        // team mode: the server can go away; saves fail with a message until it is back
        ws.events().subscribe(DatabaseConnectivity.class, e -> {
            if (e.online()) {
                context.background().databaseBack(); // saves kept while offline go through now
            } else {
                context.background().databaseLost();
            }
        });
        ws.events().subscribe(DatabaseConnectivity.class, e -> context.ui().execute(() -> {
            databaseOffline.set(!e.online());
            database.set(e.online() ? where : "database offline · " + ws.database().describe()
                    + " · retrying; unsaved edits stay on screen");
        }));
        context.background().run(() -> ws.verifier().verify(), this::ledgerVerified,
                failure -> ledger.set("Ledger: could not verify (see log)"));
        // the count follows every append, also by another process (a headless gateway, the CLI); the
        // ledger's group-commit thread only marks the ticker, the head is read on a worker
        this.background = context.background();
        this.headReader = () -> ws.ledger().headSeq();
        FxTicker ticker = new FxTicker(this::readHead, context.ui());
        ws.events().subscribe(AuditAppended.class, e -> ticker.mark());
        ws.events().subscribe(WorkspaceChanged.class, e -> ticker.mark());
    }

    private final String databaseName;
    private final dev.arbiter.desktop.common.TaskRunner background;
    private final java.util.concurrent.Callable<Long> headReader;
    /** The verified part of the ledger: entry count and head seq; -1 until a verification finished. */
    private long verifiedCount = -1;
    private long verifiedHead = -1;
    private long head = -1;
    private boolean reading;
    private boolean readAgain;

    /** FX thread: one head read at a time; events during a read lead to one more. */
    private void readHead() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        background.run(headReader, seq -> {
            reading = false;
            head = Math.max(head, seq);
            showLedger();
            if (readAgain) {
                readAgain = false;
                readHead();
            }
        }, failure -> reading = false);
    }

    /** FX thread. "Ledger verified · 82 entries", then "Ledger: 85 entries · 82 verified" as entries arrive. */
    private void showLedger() {
        if (ledgerBroken.get() || verifiedCount < 0) {
            return;
        }
        long unverified = Math.max(0, head - verifiedHead);
        ledger.set(unverified == 0 ? "Ledger verified · " + entries(verifiedCount)
                : "Ledger: " + entries(verifiedCount + unverified) + " · " + String.format("%,d", verifiedCount)
                        + " verified");
    }

    private static String entries(long n) {
        return String.format("%,d", n) + (n == 1 ? " entry" : " entries");
    }

    /** FX thread. */
    public void ledgerVerified(VerificationResult result) {
        ledgerBroken.set(!result.intact());
        if (result instanceof VerificationResult.Broken broken) {
            ledger.set("Ledger BROKEN at #" + broken.seq());
        } else if (result instanceof VerificationResult.Intact intact) {
            verifiedCount = intact.checked();
            verifiedHead = intact.headSeq();
            head = Math.max(head, intact.headSeq());
            showLedger();
        }
    }

    public StringProperty databaseProperty() { return database; }
    /** True while the team database cannot be reached. */
    public javafx.beans.property.BooleanProperty databaseOfflineProperty() { return databaseOffline; }
    /** How many saves made while the database was offline wait to go through. */
    public javafx.beans.property.ReadOnlyIntegerProperty waitingSavesProperty() {
        return background.waitingSavesProperty();
    }
    /** The database's name for messages (never a password). */
    public String databaseName() { return databaseName; }
    /** Set while the window waits to close until the steps parked offline are saved ({@link CloseGuard}). */
    public StringProperty closingProperty() { return closing; }
    public StringProperty gatewayProperty() { return gateway; }
    public StringProperty pendingProperty() { return pending; }
    /** How many escalations wait for a person (the window title shows it). */
    public javafx.beans.property.IntegerProperty pendingCountProperty() { return pendingCount; }
    public StringProperty ledgerProperty() { return ledger; }
    public javafx.beans.property.BooleanProperty ledgerBrokenProperty() { return ledgerBroken; }
}
