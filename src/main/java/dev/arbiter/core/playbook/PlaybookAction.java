package dev.arbiter.core.playbook;

import java.util.Locale;
import java.util.Optional;

/** The Arbiter action a playbook step maps to, where there is one (the step is then one command away). */
public enum PlaybookAction {
    PAUSE_AGENT("arbiter incident pause ID --agent A --reason R"),
    KILL_SWITCH("arbiter incident kill ID --reason R (Ctrl+Shift+K on the desktop)"),
    REVOKE_TOKEN("arbiter token revoke TOKEN"),
    ROLL_BACK_POLICY("arbiter policy activate NAME --version N"),
    FREEZE_EVIDENCE("arbiter incident evidence ID --range FROM..TO"),
    EXPORT_AUDIT("arbiter audit export --out FILE --agent A"),
    CLASSIFY("arbiter incident classify ID CLASS");

    private final String how;

    PlaybookAction(String how) {
        this.how = how;
    }

    /** The command (or key) that does it. */
    public String how() {
        return how;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The action named {@code key} ({@code pause-agent}), any case; empty when there is none. */
    public static Optional<PlaybookAction> parse(String key) {
        String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (PlaybookAction a : values()) {
            if (a.key().equals(k)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
