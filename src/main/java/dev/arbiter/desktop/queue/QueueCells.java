package dev.arbiter.desktop.queue;

import dev.arbiter.core.decision.ReasonCode;
import dev.arbiter.core.policy.RiskThresholds;
import dev.arbiter.core.queue.QueueItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.Region;

/** How the queue shows tiers, risk, money and time, and the cells that count down. */
final class QueueCells {

    private static final PseudoClass URGENT = PseudoClass.getPseudoClass("urgent");
    private static final PseudoClass OVERDUE = PseudoClass.getPseudoClass("overdue");

    private QueueCells() {
    }

    /**
     * A coloured badge for a risk score, banded like the default thresholds
     * (below 0.30 low, below 0.70 medium, else high): the same colour means
     * the same thing across agents, whatever each policy's own thresholds.
     */
    static Label riskBadge(Double score) {
        Label badge = new Label();
        showRisk(badge, score);
        return badge;
    }

    static void showRisk(Label badge, Double score) {
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setText(score == null ? "—" : two(score));
        RiskThresholds t = RiskThresholds.DEFAULT;
        badge.getStyleClass().setAll("label", "risk-badge", score == null ? "risk-none" : score >= t.gated()
                ? "risk-high" : score >= t.supervised() ? "risk-medium" : "risk-low");
    }

    static Label tierBadge(QueueItem item) {
        Label badge = new Label();
        showTier(badge, item);
        return badge;
    }

    static void showTier(Label badge, QueueItem item) {
        badge.setMinWidth(Region.USE_PREF_SIZE);
        badge.setText(item.tier().wireName());
        badge.getStyleClass().setAll("label", "tier-badge", item.isGated() ? "tier-gated" : "tier-supervised");
    }

    static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String usd(double amount) {
        return amount == Math.rint(amount) ? String.format(Locale.ROOT, "$%,.0f", amount)
                : String.format(Locale.ROOT, "$%,.2f", amount);
    }

    /** "45s", "3m 05s", "2h 10m", "3d 4h": short enough for a table column. */
    static String span(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd %dh", s / 86_400, s % 86_400 / 3600);
    }

    /** "12m 30s", or "overdue 2m 05s". */
    static String timeLeft(QueueRow row, Instant now) {
        Duration left = row.timeLeft(now);
        return left.isNegative() ? "overdue " + span(left.negated()) : span(left);
    }

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** "14:02:11  approved issue:refund of refunds-agent — alice after 2m 10s: “checked in CRM”". */
    static String decided(QueueItem item) {
        String verdict = verdict(item);
        String who = switch (item.reasonCode()) {
            case REVIEWER_APPROVED, REVIEWER_DENIED -> " — " + item.reviewer() + " after "
                    + span(item.timeToDecide());
            case KILL_SWITCH -> " — " + item.reviewer();
            default -> " after " + span(item.timeToDecide());
        };
        return (item.decidedAt() == null ? "" : CLOCK.format(item.decidedAt()) + "  ") + verdict + " "
                + item.action() + " of " + item.agentId() + who
                + (item.note() == null ? "" : ": \u201c" + item.note() + "\u201d");
    }

    /** "approved", "flagged", "timed out", "stopped by kill switch"; "pending" while it is. */
    static String verdict(QueueItem item) {
        if (item.isPending() || item.reasonCode() == null) {
            return item.status().wireName();
        }
        return switch (item.reasonCode()) {
            case REVIEWER_APPROVED -> item.isGated() ? "approved" : "confirmed";
            case REVIEWER_DENIED -> item.isGated() ? "denied" : "flagged";
            case REVIEW_TIMEOUT -> "timed out";
            case KILL_SWITCH -> "stopped by kill switch";
            default -> item.status().wireName();
        };
    }

    /**
     * What became of an escalated action, for a detail pane: "approved by alice 14:02:11",
     * "timed out 14:05:00", "pending"; the reviewer's name only when a person decided.
     */
    static String outcome(QueueItem item) {
        if (item.isPending()) {
            return "pending";
        }
        boolean person = item.reasonCode() == ReasonCode.REVIEWER_APPROVED
                || item.reasonCode() == ReasonCode.REVIEWER_DENIED;
        return verdict(item) + (person && item.reviewer() != null ? " by " + item.reviewer() : "")
                + (item.decidedAt() == null ? "" : " " + CLOCK.format(item.decidedAt()));
    }

    /**
     * A cell whose text follows the shared clock: one listener per visible
     * cell (the table reuses a screenful of cells), none per row, and no timer
     * of its own.
     */
    static final class ClockCell extends TableCell<QueueRow, QueueRow> {

        private final ObservableValue<Instant> now;
        private final BiFunction<QueueRow, Instant, String> text;
        private final boolean marksUrgency;
        // held here, registered weakly: a cell the table drops must not be kept alive by the clock
        private final ChangeListener<Instant> tick = (o, was, is) -> show();

        ClockCell(ObservableValue<Instant> now, BiFunction<QueueRow, Instant, String> text, boolean marksUrgency) {
            this.now = now;
            this.text = text;
            this.marksUrgency = marksUrgency;
            now.addListener(new WeakChangeListener<>(tick));
        }

        @Override
        protected void updateItem(QueueRow row, boolean empty) {
            super.updateItem(row, empty);
            show();
        }

        private void show() {
            QueueRow row = isEmpty() ? null : getItem();
            if (row == null) {
                setText(null);
                pseudoClassStateChanged(URGENT, false);
                pseudoClassStateChanged(OVERDUE, false);
                return;
            }
            Instant at = now.getValue();
            setText(text.apply(row, at));
            if (marksUrgency) {
                Duration left = row.timeLeft(at);
                pseudoClassStateChanged(OVERDUE, left.isNegative());
                // a gated item with under two minutes left is about to be denied by its timeout
                pseudoClassStateChanged(URGENT, !left.isNegative() && row.item().isGated()
                        && left.compareTo(Duration.ofMinutes(2)) < 0);
            }
        }
    }

    /**
     * A cell showing a badge. The cell keeps its one label and restyles it:
     * the table updates visible cells on every change of the list, and new
     * nodes each time would mean new CSS work on every pulse of a busy queue.
     */
    static final class BadgeCell extends TableCell<QueueRow, QueueRow> {

        private final Label badge = new Label();
        private final BiConsumer<Label, QueueRow> show;
        private QueueRow shown;

        BadgeCell(BiConsumer<Label, QueueRow> show) {
            this.show = show;
        }

        @Override
        protected void updateItem(QueueRow row, boolean empty) {
            super.updateItem(row, empty);
            setText(null);
            if (empty || row == null) {
                setGraphic(null);
                shown = null;
                return;
            }
            if (row != shown) {
                show.accept(badge, row);
                shown = row;
            }
            setGraphic(badge);
        }
    }
}
