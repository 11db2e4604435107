package dev.arbiter.desktop.shell;

import dev.arbiter.core.control.KillSwitch;
import dev.arbiter.core.control.KillSwitchChanged;
import dev.arbiter.core.control.KillSwitchState;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** State of the always-visible kill-switch bar, and the engage / release commands. */
public final class KillSwitchViewModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm").withZone(ZoneId.systemDefault());

    private final DesktopContext context;
    private final KillSwitch killSwitch;
    private final ReadOnlyBooleanWrapper engaged = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final FxTicker ticker;

    public KillSwitchViewModel(DesktopContext context) {
        this(context, context.ui());
    }

    /** {@code ui} runs refreshes caused by events from other threads: the FX thread in the desktop. */
    public KillSwitchViewModel(DesktopContext context, Executor ui) {
        this.context = context;
        this.ticker = new FxTicker(this::refresh, ui);
        this.killSwitch = context.workspace().killSwitch();
        context.workspace().events().subscribe(KillSwitchChanged.class, e -> ticker.mark());
        refresh();
    }

    public ReadOnlyBooleanProperty engagedProperty() { return engaged.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }

    /** What engaging would stop, with the queue's numbers of this moment, for the confirmation. */
    public String engageConsequence() {
        return context.workspace().queue().killSwitchImpact(null).describe();
    }

    public void engage(String reason, Consumer<Throwable> onFailure) {
        change(true, reason, onFailure);
    }

    public void release(String reason, Consumer<Throwable> onFailure) {
        change(false, reason, onFailure);
    }

    private void change(boolean engage, String reason, Consumer<Throwable> onFailure) {
        busy.set(true);
        String actor = context.actor();
        context.background().run(() -> engage ? killSwitch.engage(null, reason, actor)
                        : killSwitch.release(null, reason, actor),
                state -> {
                    busy.set(false);
                    refresh();
                },
                failure -> {
                    busy.set(false);
                    onFailure.accept(failure);
                });
    }

    private void refresh() {
        KillSwitchState global = killSwitch.global();
        List<KillSwitchState> agents = killSwitch.engaged().stream().filter(s -> !s.isGlobal()).toList();
        engaged.set(global.engaged());
        if (global.engaged()) {
            status.set("KILL SWITCH ENGAGED — all agents stopped by " + global.actor() + " at "
                    + TIME.format(global.changedAt()) + ": " + global.reason());
        } else if (!agents.isEmpty()) {
            status.set("Agents running · stopped individually: "
                    + String.join(", ", agents.stream().map(KillSwitchState::scope).toList()));
        } else {
            status.set("Agents running · kill switch released");
        }
    }
}
