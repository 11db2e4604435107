package dev.arbiter.desktop.settings;

import dev.arbiter.core.Actor;
import dev.arbiter.core.audit.LedgerRetention;
import dev.arbiter.desktop.DesktopContext;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Workspace settings: who reviews, how long the ledger is kept. */
public final class SettingsViewModel {

    private final DesktopContext context;
    private final StringProperty reviewer = new SimpleStringProperty("");
    private final IntegerProperty retentionYears = new SimpleIntegerProperty(LedgerRetention.DEFAULT_YEARS);
    private final StringProperty message = new SimpleStringProperty("");

    public SettingsViewModel(DesktopContext context) {
        this.context = context;
    }

    public StringProperty reviewerProperty() { return reviewer; }
    public IntegerProperty retentionYearsProperty() { return retentionYears; }
    public StringProperty messageProperty() { return message; }

    public String dataDirectory() {
        return context.workspace().directory().root().toString();
    }

    public void load() {
        var settings = context.workspace().settings();
        context.background().run(() -> new String[] {Actor.current(settings),
                        Integer.toString(settings.getInt(LedgerRetention.SETTING, LedgerRetention.DEFAULT_YEARS))},
                values -> {
                    reviewer.set(values[0]);
                    retentionYears.set(Integer.parseInt(values[1]));
                }, failure -> message.set(failure.getMessage()));
    }

    public void save() {
        String name = reviewer.get() == null ? "" : reviewer.get().strip();
        int years = retentionYears.get();
        var settings = context.workspace().settings();
        context.background().run(() -> {
            LedgerRetention.validYears(years);
            settings.put(Actor.SETTING, name);
            settings.put(LedgerRetention.SETTING, Integer.toString(years));
            return null;
        }, ok -> message.set("Saved. Reviews and kill-switch changes are recorded as \""
                + (name.isEmpty() ? Actor.osUser() : name) + "\"."), failure -> message.set(failure.getMessage()));
    }

    public void pruneNow() {
        int years = retentionYears.get();
        String actor = context.actor();
        context.background().run(() -> context.workspace().retention().prune(years, actor),
                pruned -> message.set(pruned.map(p -> String.format(
                        "Archived %,d entries to %s and removed them; the chain still verifies from #%d.",
                        p.entries(), p.archive(), p.upToSeq() + 1))
                        .orElse("Nothing in the ledger is older than " + years + " years.")),
                failure -> message.set("Pruning failed: " + failure.getMessage()));
    }
}
