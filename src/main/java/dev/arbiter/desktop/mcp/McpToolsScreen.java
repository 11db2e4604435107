package dev.arbiter.desktop.mcp;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.audit.AuditAppended;
import dev.arbiter.core.event.WorkspaceChanged;
import dev.arbiter.core.policy.ToolChangeRule;
import dev.arbiter.desktop.DesktopContext;
import dev.arbiter.desktop.common.FxTicker;
import dev.arbiter.desktop.common.StatusMessage;
import dev.arbiter.desktop.common.LazyScreen;
import dev.arbiter.desktop.common.Screen;
import org.kordamp.ikonli.material2.Material2AL;

/**
 * MCP Tools (issue 15): the tools each agent's MCP proxy has pinned, changed ones with what changed, and
 * accepting a change. It follows the ledger: a proxy in another process that sees a rug pull, or a
 * {@code arbiter mcp tools accept}, shows up without a manual refresh.
 */
public final class McpToolsScreen {

    public static final String TITLE = "MCP Tools";

    private McpToolsScreen() {
    }

    public static Screen create(DesktopContext context) {
        Workspace ws = context.workspace();
        McpToolsViewModel model = new McpToolsViewModel(ws.toolFingerprints(), agentId -> blocksChanges(ws, agentId),
                context::actor, context.background(), new StatusMessage(context.ui()));
        FxTicker ticker = new FxTicker(model::refresh, context.ui());
        // the ledger's commit thread only marks the ticker; the reload runs on a worker
        ws.events().subscribe(AuditAppended.class, e -> {
            if (e.entries().stream().anyMatch(x -> x.entry().event().startsWith("mcp.tool."))) {
                ticker.mark();
            }
        });
        ws.events().subscribe(WorkspaceChanged.class, e -> ticker.mark());
        return new LazyScreen(TITLE, Material2AL.EXTENSION, () -> new McpToolsView(model), model::refresh);
    }

    /** Whether the policy in force for the agent refuses a changed tool's calls ({@code mcp_tool_changes}). */
    private static boolean blocksChanges(Workspace ws, String agentId) {
        return ws.agents().find(agentId).flatMap(a -> ws.policies().inForce(a.profile().policyName(),
                        a.profile().policyVersion()))
                .map(p -> p.policy().mcpTools().onChange() == ToolChangeRule.BLOCK).orElse(false);
    }
}
