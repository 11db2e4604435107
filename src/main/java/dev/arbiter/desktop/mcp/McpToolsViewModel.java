package dev.arbiter.desktop.mcp;

import dev.arbiter.core.mcp.PinnedTool;
import dev.arbiter.core.mcp.ToolFingerprints;
import dev.arbiter.core.policy.PolicyDiff;
import dev.arbiter.desktop.common.Dialogs;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.TaskRunner;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The MCP tools Arbiter has pinned, per agent, and accepting a changed one: the same core calls as
 * {@code arbiter mcp tools list|accept}. Changed tools come first; the selected one's accepted and current
 * versions are compared line by line. No scene-graph types: tests drive it with plain JUnit.
 */
public final class McpToolsViewModel {

    private final ToolFingerprints fingerprints;
    private final Predicate<String> blocksChanges;
    private final Supplier<String> actor;
    private final TaskRunner runner;
    private final StatusMessage status;
    private final ObservableList<ToolRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ToolRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<PolicyDiff> diff = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty blockedCount = new SimpleIntegerProperty();

    /**
     * @param blocksChanges for an agent id: whether its policy blocks changed tools ({@code mcp_tool_changes})
     * @param runner runs store calls off the UI thread; its callbacks run on the UI thread
     */
    public McpToolsViewModel(ToolFingerprints fingerprints, Predicate<String> blocksChanges, Supplier<String> actor,
                             TaskRunner runner, StatusMessage status) {
        this.fingerprints = fingerprints;
        this.blocksChanges = blocksChanges;
        this.actor = actor;
        this.runner = runner;
        this.status = status;
        selected.addListener((o, was, now) -> diff.set(now == null ? null : ToolChangeText.diff(now.tool())));
    }

    // ---- state

    /** Every pinned tool: changed ones first, then by agent and name. */
    public ObservableList<ToolRow> rows() { return rows; }
    /** The tool whose versions are compared. */
    public ObjectProperty<ToolRow> selectedProperty() { return selected; }
    /** Accepted (left) against last seen (right) for the selected tool; null when none is selected. */
    public ReadOnlyObjectProperty<PolicyDiff> diffProperty() { return diff.getReadOnlyProperty(); }
    /** How many tools are refused until a person accepts their change. */
    public IntegerProperty blockedCountProperty() { return blockedCount; }
    public StatusMessage status() { return status; }

    // ---- commands

    /** Reloads the pinned tools, keeping the selection on the same agent and tool. */
    public void refresh() {
        runner.run(() -> {
            List<PinnedTool> tools = fingerprints.list(null);
            return tools.stream().map(t -> new ToolRow(t, blocksChanges.test(t.agentId())))
                    .sorted(Comparator.comparing((ToolRow r) -> !r.tool().changed())
                            .thenComparing(r -> r.tool().agentId()).thenComparing(r -> r.tool().tool()))
                    .toList();
        }, fresh -> {
            ToolRow was = selected.get();
            rows.setAll(fresh);
            blockedCount.set((int) fresh.stream().filter(ToolRow::blocked).count());
            ToolRow again = was == null ? null : fresh.stream().filter(r -> same(r, was)).findFirst().orElse(null);
            selected.set(again != null ? again : fresh.isEmpty() ? null : fresh.get(0));
        }, failure -> status.error("Could not read the MCP tools: " + Dialogs.messageOf(failure)));
    }

    private static boolean same(ToolRow a, ToolRow b) {
        return a.tool().agentId().equals(b.tool().agentId()) && a.tool().tool().equals(b.tool().tool());
    }

    /**
     * Accepts the change shown in {@code row} (the view asks first): audited as {@code mcp.tool.accepted},
     * and the tool's next call is decided again. Refused, with a message, when the server changed the tool
     * again after {@code row} was read: the person then reviews the newer version.
     */
    public void accept(ToolRow row) {
        if (row == null || !row.tool().changed()) {
            status.error("Choose a changed tool first; accepted tools have nothing to accept.");
            return;
        }
        PinnedTool tool = row.tool();
        runner.run(() -> fingerprints.accept(tool.agentId(), tool.tool(), tool.seenFingerprint(),
                Objects.requireNonNull(actor.get(), "actor")), accepted -> {
            status.info("Accepted the change to " + tool.tool() + " for " + tool.agentId() + ": its next call is "
                    + "decided by the policy again.");
            refresh();
        }, failure -> {
            status.error("Could not accept " + tool.tool() + ": " + Dialogs.messageOf(failure));
            refresh();
        });
    }
}
