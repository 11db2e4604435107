package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools the MCP server behind the proxy offers, as it last listed them
 * (all pages). A call of a tool not in the catalog is refused as unknown and
 * never forwarded.
 *
 * <p>The catalog is replaced whole, only once a listing's last page is read:
 * a call checked while a listing is read (after
 * {@code notifications/tools/list_changed}) sees the previous complete
 * listing, never a catalog emptied by a first page whose later pages have not
 * come yet. Pages of the client's own {@code tools/list} add or update tools
 * and never remove one, since the client may stop reading after any page.
 */
final class ToolCatalog {

    /** One listed tool: its descriptor and its {@code execution.taskSupport}. */
    private record Listed(ToolDescriptor descriptor, String taskSupport) {
    }

    private volatile Map<String, Listed> tools = Map.of();
    private volatile boolean loaded;

    /** The pages of one listing, read in order; {@link #complete()} puts them in force together. */
    final class Reading {
        private final Map<String, Listed> read = new HashMap<>();
        private int pages;
        private long bytes;

        /** Counts {@code n} more bytes of tools read; returns the total so far. */
        long addBytes(long n) {
            bytes += n;
            return bytes;
        }

        /** Adds the next page of the listing; returns what it read. */
        List<ToolDescriptor> addPage(JsonNode result) {
            pages++;
            return ToolCatalog.read(result, read);
        }

        /** Pages read so far. */
        int pages() {
            return pages;
        }

        /** The listing is whole: it replaces the catalog. */
        void complete() {
            synchronized (ToolCatalog.this) {
                tools = Map.copyOf(read);
                loaded = true;
            }
        }
    }

    /** Starts reading a listing of the server's own (every page, from the first). */
    Reading reading() {
        return new Reading();
    }

    /** Adds or updates the tools of one page of a listing the client asked for; returns what it read. */
    synchronized List<ToolDescriptor> merge(JsonNode result) {
        Map<String, Listed> merged = new HashMap<>(tools);
        List<ToolDescriptor> page = read(result, merged);
        tools = Map.copyOf(merged);
        return page;
    }

    private static List<ToolDescriptor> read(JsonNode result, Map<String, Listed> into) {
        List<ToolDescriptor> page = new ArrayList<>();
        for (JsonNode tool : result.path("tools")) {
            ToolDescriptor descriptor = ToolDescriptor.fromListing(tool);
            if (descriptor != null) {
                into.put(descriptor.name(), new Listed(descriptor,
                        tool.path("execution").path("taskSupport").asText("forbidden")));
                page.add(descriptor);
            }
        }
        return page;
    }

    /** True once a listing of the server's was read whole. */
    boolean loaded() {
        return loaded;
    }

    /**
     * The tool's {@code execution.taskSupport} as the server listed it
     * ({@code forbidden} when it said none; MCP 2025-11-25 "Tasks: tool-level negotiation").
     */
    String taskSupport(String name) {
        Listed listed = tools.get(name);
        return listed == null ? "forbidden" : listed.taskSupport();
    }

    /** The tool as last listed, null when no listing had it. */
    ToolDescriptor find(String name) {
        Listed listed = tools.get(name);
        return listed == null ? null : listed.descriptor();
    }
}
