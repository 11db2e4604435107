package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tools the MCP server behind the proxy offers, as it last listed them
 * (all pages). A call of a tool not in the catalog is refused as unknown and
 * never forwarded.
 */
final class ToolCatalog {

    private final Map<String, ToolDescriptor> tools = new ConcurrentHashMap<>();
    private final Map<String, String> taskSupport = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** Adds one page of a {@code tools/list} result; returns what it read. */
    List<ToolDescriptor> addPage(JsonNode result, boolean firstPage) {
        if (firstPage) {
            tools.clear();
            taskSupport.clear();
        }
        List<ToolDescriptor> page = new java.util.ArrayList<>();
        for (JsonNode tool : result.path("tools")) {
            ToolDescriptor descriptor = ToolDescriptor.fromListing(tool);
            if (descriptor != null) {
                tools.put(descriptor.name(), descriptor);
                taskSupport.put(descriptor.name(), tool.path("execution").path("taskSupport").asText("forbidden"));
                page.add(descriptor);
            }
        }
        return page;
    }

    void markLoaded() {
        loaded = true;
    }

    boolean loaded() {
        return loaded;
    }

    /**
     * The tool's {@code execution.taskSupport} as the server listed it
     * ({@code forbidden} when it said none; MCP 2025-11-25 "Tasks: tool-level negotiation").
     */
    String taskSupport(String name) {
        return taskSupport.getOrDefault(name, "forbidden");
    }

    ToolDescriptor find(String name) {
        return tools.get(name);
    }
}
