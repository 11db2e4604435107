package dev.arbiter.desktop.queue;

import atlantafx.base.theme.Styles;
import dev.arbiter.core.agent.Agent;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.decision.RiskScore;
import dev.arbiter.core.policy.DataClass;
import dev.arbiter.core.queue.ActionContext;
import dev.arbiter.core.queue.QueueItem;
import dev.arbiter.core.queue.RecentAction;
import dev.arbiter.core.queue.ReviewBriefing;
import dev.arbiter.core.queue.ReviewStatus;
import dev.arbiter.core.queue.ReviewTally;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The detail of one queued action: what the agent wants to do and why, what
 * made it risky, the rule that escalated it, and the agent's record. Rebuilt
 * from a {@link ReviewBriefing} each time the focus moves; reads nothing itself.
 */
final class BriefingPane extends VBox {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d, HH:mm:ss").withZone(ZoneId.systemDefault());

    BriefingPane() {
        setSpacing(12);
        setPadding(new Insets(14));
        getStyleClass().add("briefing");
        setId("briefing");
    }

    void show(ReviewBriefing b, boolean agentKilled) {
        getChildren().clear();
        if (b == null) {
            return;
        }
        QueueItem item = b.item();
        Label action = new Label(item.action());
        action.getStyleClass().add(Styles.TITLE_3);
        action.setId("briefing-action");
        Label who = new Label(item.agentId() + " · " + item.traceId()
                + (item.sessionId() == null ? "" : " · session " + item.sessionId()));
        who.getStyleClass().add(Styles.TEXT_MUTED);
        who.setWrapText(true);
        action.setWrapText(true);
        HBox badges = new HBox(8, QueueCells.tierBadge(item), QueueCells.riskBadge(item.riskScore()));
        getChildren().addAll(new VBox(4, action, who), badges);
        if (!item.isPending()) {
            // decided while on show (here or elsewhere): say so first, never leave it looking pending
            Label outcome = new Label("No longer pending: " + QueueCells.outcome(item)
                    + (item.note() == null ? "" : " \u2014 \u201c" + item.note() + "\u201d"));
            outcome.setId("briefing-outcome");
            outcome.setWrapText(true);
            outcome.getStyleClass().add(item.status() == ReviewStatus.APPROVED ? Styles.SUCCESS : Styles.DANGER);
            getChildren().add(outcome);
        }

        section("Why it is here", text(item.reason()));
        if (item.inputSummary() != null) {
            section("Input", text(item.inputSummary()));
        }
        if (item.reasoning() != null) {
            section("Agent's reasoning", text(item.reasoning()
                    + (item.confidence() == null ? "" : "\nConfidence " + QueueCells.two(item.confidence()))));
        }
        section("Tools and context", facts(b));
        if (b.risk() != null) {
            section("Risk factors (score " + QueueCells.two(b.risk().score()) + ")", riskFactors(b.risk()));
        }
        section("Agent", agent(b, agentKilled));
        section("Recent actions of " + item.agentId(), recent(b));
    }

    private void section(String title, Node body) {
        Label heading = new Label(title);
        heading.getStyleClass().addAll(Styles.TEXT_CAPTION, Styles.TEXT_MUTED, "briefing-heading");
        heading.setWrapText(true); // "Recent actions of <a long agent id>" wraps in a narrow briefing
        getChildren().add(new VBox(4, heading, body));
    }

    private static Label text(String value) {
        Label label = new Label(value);
        label.setWrapText(true);
        return label;
    }

    private static Node facts(ReviewBriefing b) {
        GridPane grid = grid();
        int row = 0;
        row = fact(grid, row, "Tools used", b.toolsUsed().isEmpty() ? "none reported" : String.join(", ",
                b.toolsUsed()));
        if (b.target() != null) {
            row = fact(grid, row, "Target", b.target());
        }
        if (b.tokensConsumed() != null) {
            row = fact(grid, row, "Tokens", String.format("%,d", b.tokensConsumed()));
        }
        ActionContext c = b.context();
        if (c.amountUsd() != null) {
            row = fact(grid, row, "Amount", QueueCells.usd(c.amountUsd()));
        }
        if (!c.dataClasses().isEmpty()) {
            row = fact(grid, row, "Data", c.dataClasses().stream().map(DataClass::label).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (c.reversible() != null) {
            row = fact(grid, row, "Reversible", c.reversible() ? "yes, the agent says" : "no, the agent says");
        }
        if (b.item().contextJson() != null) {
            Label json = new Label(b.item().contextJson());
            json.getStyleClass().add("monospace");
            json.setWrapText(true);
            Label name = new Label("Context");
            name.getStyleClass().add(Styles.TEXT_MUTED);
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, row);
            grid.add(json, 1, row);
        }
        return grid;
    }

    private static Node riskFactors(RiskScore r) {
        GridPane grid = grid();
        factor(grid, 0, "Reversibility", r.reversibility(), r.weights().reversibility());
        factor(grid, 1, "Financial impact", r.financial(), r.weights().financial());
        factor(grid, 2, "Data sensitivity", r.dataSensitivity(), r.weights().dataSensitivity());
        factor(grid, 3, "Regulatory", r.regulatory(), r.weights().regulatory());
        return grid;
    }

    private static void factor(GridPane grid, int row, String name, double value, double weight) {
        ProgressBar bar = new ProgressBar(value * weight);
        bar.setPrefWidth(120);
        bar.getStyleClass().add(Styles.SMALL);
        Label numbers = new Label(QueueCells.two(value) + " × weight " + QueueCells.two(weight));
        numbers.getStyleClass().add(Styles.TEXT_SMALL);
        Label label = new Label(name);
        label.setMinWidth(Region.USE_PREF_SIZE);
        numbers.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, label, bar, numbers);
    }

    private static Node agent(ReviewBriefing b, boolean killed) {
        GridPane grid = grid();
        int row = 0;
        Agent agent = b.agent();
        if (agent == null) {
            row = fact(grid, row, "Status", "not in the agent registry");
        } else {
            row = fact(grid, row, "Name", agent.name() + " — " + agent.profile().owner());
            String status = switch (agent.status()) {
                case ACTIVE -> "active";
                case PAUSED -> "paused: " + agent.statusReason();
                case RETIRED -> "retired";
            };
            Label state = new Label(killed ? "STOPPED by its kill switch; " + status : status);
            state.setWrapText(true);
            state.setId("briefing-agent-status");
            if (killed || agent.status() != dev.arbiter.core.agent.AgentStatus.ACTIVE) {
                state.getStyleClass().add(Styles.DANGER);
            }
            Label name = new Label("Status");
            name.getStyleClass().add(Styles.TEXT_MUTED);
            name.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(name, 0, row);
            grid.add(state, 1, row++);
        }
        ReviewTally t = b.tally();
        String rate = t.approvalRate() == null ? "no reviews yet"
                : String.format(Locale.ROOT, "%d%% — approved %d of %d reviewed", Math.round(t.approvalRate() * 100),
                        t.approved(), t.reviewed());
        row = fact(grid, row, "Approval rate", rate);
        fact(grid, row, "Queue record", t.pending() + " pending · " + t.timedOut() + " timed out · " + t.stopped()
                + " stopped by a kill switch");
        return grid;
    }

    private static Node recent(ReviewBriefing b) {
        if (b.recentActions().isEmpty()) {
            Label none = new Label("No earlier decisions.");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            return none;
        }
        GridPane grid = grid();
        int row = 0;
        for (RecentAction r : b.recentActions()) {
            AuditEntry e = r.entry();
            // the ledger says "pending" for every escalation; the queue says what became of it
            String said = r.review() == null ? e.decision() : QueueCells.outcome(r.review());
            Label decision = new Label(said + (e.tier() == null ? "" : " · " + e.tier()));
            decision.getStyleClass().add(styleOf(r));
            Label when = new Label(e.timestamp() == null ? "" : TIME.format(e.timestamp()));
            when.getStyleClass().add(Styles.TEXT_MUTED);
            when.setMinWidth(Region.USE_PREF_SIZE);
            // "approved by Dana Reyes 14:02:11 · gated" wraps, so the row never widens the pane past its view
            decision.setWrapText(true);
            Label action = new Label(e.action());
            action.setMinWidth(Region.USE_PREF_SIZE);   // an action name has no spaces to wrap at
            grid.addRow(row++, when, action, decision);
        }
        return grid;
    }

    private static String styleOf(RecentAction r) {
        if (r.review() == null) {
            return "deny".equals(r.entry().decision()) ? Styles.DANGER
                    : "pending".equals(r.entry().decision()) ? Styles.WARNING : Styles.SUCCESS;
        }
        return switch (r.review().status()) {
            case PENDING -> Styles.WARNING;
            case APPROVED -> Styles.SUCCESS;
            default -> Styles.DANGER;
        };
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        return grid;
    }

    private static int fact(GridPane grid, int row, String name, String value) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setMinWidth(Region.USE_PREF_SIZE);
        grid.add(label, 0, row);
        grid.add(text(value), 1, row);
        return row + 1;
    }
}
