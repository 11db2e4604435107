package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's tools as one MCP session sees them: read by the proxy itself
 * (every page of {@code tools/list}) once the session is initialized and
 * whenever the server says they changed, so that a call can be checked
 * against them; each tool pinned by its fingerprint on every listing, which
 * audits a changed description or schema (a "rug pull"); and the client's own
 * {@code tools/list} answers with the tools the policy denies outright hidden
 * (when it says so) and, where the session offers MCP tasks, every tool
 * marked as runnable as a task.
 */
final class ToolListing {

    private static final Logger LOG = LoggerFactory.getLogger(ToolListing.class);

    private final ToolCallGate gate;
    private final UpstreamRequests upstream;
    private final ToolCatalog catalog = new ToolCatalog();
    private volatile CompletableFuture<Void> loading;

    ToolListing(ToolCallGate gate, UpstreamRequests upstream) {
        this.gate = gate;
        this.upstream = upstream;
    }

    /** The tool as the server last listed it, null when it does not offer it. */
    ToolDescriptor find(String tool) {
        return catalog.find(tool);
    }

    /** The tool's {@code execution.taskSupport} as the server listed it ({@link ToolCatalog#taskSupport}). */
    String taskSupport(String tool) {
        return catalog.taskSupport(tool);
    }

    /** Completes once the tools have been read (or could not be: then every call is of an unknown tool). */
    CompletableFuture<Void> ready() {
        if (catalog.loaded()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> load = loading;
        // a list that failed (the server slow to start, a timeout) is asked again: a passing failure must not
        // make every later call of the session "unknown"
        if (load == null || load.isCompletedExceptionally()) {
            load = load();
        }
        return load.exceptionally(e -> null);
    }

    /** Lists the server's tools (all pages) so calls can be checked against them, and fingerprints them. */
    synchronized CompletableFuture<Void> load() {
        CompletableFuture<Void> load = page(null, true);
        loading = load;
        return load;
    }

    private CompletableFuture<Void> page(String cursor, boolean first) {
        ObjectNode params = JsonRpc.JSON.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return upstream.ownRequest(McpMethods.TOOLS_LIST, params).thenCompose(response -> {
            JsonNode result = response.get("result");
            if (result == null) {
                LOG.warn("The MCP server refused tools/list: {}", response.path("error"));
                catalog.markLoaded();
                return CompletableFuture.completedFuture(null);
            }
            fingerprint(catalog.addPage(result, first));
            String next = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            if (next == null || next.equals(cursor)) {
                catalog.markLoaded();
                return CompletableFuture.completedFuture(null);
            }
            return page(next, false);
        });
    }

    /**
     * The server's answer to the client's {@code tools/list} as the client
     * sees it. Fingerprints the listed tools and hides those the policy denies
     * outright (when it says so). Where the session offers tasks
     * ({@code offerTasks}), a tool the server would not run as a task itself
     * ({@code serverRunsTask} says which it would) is listed
     * {@code execution.taskSupport: optional}, as Arbiter runs the task; the
     * fingerprint is of the server's own listing.
     */
    ObjectNode listed(ObjectNode response, ObjectNode result, boolean firstPage, boolean offerTasks,
                      java.util.function.Predicate<String> serverRunsTask) {
        fingerprint(catalog.addPage(result, firstPage));
        boolean hide = gate.tools().hideDenied();
        if ((!hide && !offerTasks) || !(result.get("tools") instanceof ArrayNode tools)) {
            return response;
        }
        ArrayNode kept = JsonRpc.JSON.createArrayNode();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asText();
            if (hide && gate.deniedOutright(name)) {
                continue;
            }
            if (offerTasks && tool instanceof ObjectNode object && !serverRunsTask.test(name)) {
                ObjectNode copy = object.deepCopy();
                (copy.get("execution") instanceof ObjectNode e ? e : copy.putObject("execution"))
                        .put("taskSupport", "optional");
                kept.add(copy);
            } else {
                kept.add(tool);
            }
        }
        ObjectNode copy = response.deepCopy();
        ((ObjectNode) copy.get("result")).set("tools", kept);
        return copy;
    }

    private void fingerprint(List<ToolDescriptor> page) {
        try {
            gate.fingerprint(page);
        } catch (RuntimeException e) {
            LOG.warn("Tools not fingerprinted: {}", e.getMessage());
        }
    }
}
