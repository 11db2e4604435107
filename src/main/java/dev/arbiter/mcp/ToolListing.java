package dev.arbiter.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.audit.TextCut;
import dev.arbiter.core.mcp.ToolDescriptor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's tools as one MCP session sees them: read by the proxy itself
 * (every page of {@code tools/list}) once the session is initialized,
 * whenever the server says they changed and before a call of a tool it has not
 * listed is refused as unknown, so that a call can be checked against them; each tool pinned by its fingerprint on every listing, which
 * audits a changed description or schema (a "rug pull"); and the client's own
 * {@code tools/list} answers with the tools the policy denies outright hidden
 * (when it says so) and, where the session offers MCP tasks, every tool
 * marked as runnable as a task.
 */
final class ToolListing {

    private static final Logger LOG = LoggerFactory.getLogger(ToolListing.class);

    /** A listing of more pages than this is refused: a server that pages without end must not loop the proxy. */
    static final int MAX_PAGES = 1_000;
    /**
     * Bytes of tools (as JSON text) one listing may hold across its pages, as one frame may: a server that pages
     * many large tools cannot grow the proxy's memory past what one message may take.
     */
    static final long MAX_LISTING_BYTES = FrameReader.MAX_FRAME_BYTES;
    /**
     * Least time between the starts of two listings of one session, in nanoseconds: a flood of calls of unlisted
     * tools, or of {@code tools/list_changed}, one after another costs the server at most one listing a second,
     * not one each (a call waits for the next listing at most this much longer).
     */
    static final long LISTING_GAP_NANOS = 1_000_000_000L;

    private final ToolCallGate gate;
    private final UpstreamRequests upstream;
    private final ToolCatalog catalog = new ToolCatalog();
    private final Object lock = new Object();
    /** The listing being read, null when none (guarded by {@link #lock}). */
    private CompletableFuture<Void> running;
    /** Completes after the listing that starts once {@link #running} ends; null when none was asked for. */
    private CompletableFuture<Void> queued;
    /** Listings started, and the number of the last that ended (they run one at a time, so end in order). */
    private long started;
    private long ended;
    /** When the last listing started ({@link System#nanoTime()}), and whether a start waits for the gap to pass. */
    private long lastStart;
    private boolean startWaits;
    /** Why the last listing could not be read, null when it was read whole. */
    private volatile String failure;

    ToolListing(ToolCallGate gate, UpstreamRequests upstream) {
        this.gate = gate;
        this.upstream = upstream;
    }

    /** The tool's {@code execution.taskSupport} as the server listed it ({@link ToolCatalog#taskSupport}). */
    String taskSupport(String tool) {
        return catalog.taskSupport(tool);
    }

    /** Why the last listing could not be read ("the MCP server did not answer …"), null when it was read. */
    String failure() {
        return failure;
    }

    /**
     * The tool as the server lists it, to check a call against. Waits for a
     * listing being read (a call right after {@code list_changed} is judged
     * on the new listing) or, when none was ever read whole, for one. A tool
     * not in the catalog is asked for once more, with a listing that started
     * after this call arrived (shared with every call that needs one
     * meanwhile, so a flood of unknown tools costs two listings, not one
     * each): a server that added a tool without saying so, or whose last
     * listing failed, is not taken at its stale word. Completes with null
     * when that listing does not have the tool either, or could not be read;
     * never fails.
     */
    CompletableFuture<ToolDescriptor> lookup(String tool) {
        long seen;
        CompletableFuture<Void> ready;
        synchronized (lock) {
            seen = started;
            ready = running != null ? running
                    : catalog.loaded() ? CompletableFuture.completedFuture(null) : relist();
        }
        return ready.thenCompose(read -> {
            ToolDescriptor listed = catalog.find(tool);
            return listed != null ? CompletableFuture.completedFuture(listed)
                    : listedSince(seen).thenApply(relisted -> catalog.find(tool));
        });
    }

    /** Completes once a listing started after the {@code seen}-th one has ended (one running or asked for anew). */
    private CompletableFuture<Void> listedSince(long seen) {
        synchronized (lock) {
            if (ended > seen) {
                return CompletableFuture.completedFuture(null);
            }
            if (running != null && started > seen) {
                return running;
            }
            return relist();
        }
    }

    /**
     * Asks the server for its tools again (after {@code initialized}, on
     * {@code list_changed}, for a tool not listed). Completes, never
     * exceptionally, once a listing that started after this call has ended,
     * read whole or not; at most one listing is read at a time, and every ask
     * made while one runs shares the single one after it.
     */
    CompletableFuture<Void> relist() {
        synchronized (lock) {
            if (running == null && !startWaits && gapLeft() <= 0) {
                return start();
            }
            if (queued == null) {
                queued = new CompletableFuture<>();
            }
            CompletableFuture<Void> next = queued;
            if (running == null) {
                startQueuedAfterGap();
            }
            return next;
        }
    }

    /** Nanoseconds until the next listing may start (holding {@link #lock}). */
    private long gapLeft() {
        return started == 0 ? 0 : lastStart + LISTING_GAP_NANOS - System.nanoTime();
    }

    /** Starts the queued listing once the gap since the last start has passed (holding {@link #lock}). */
    private void startQueuedAfterGap() {
        if (startWaits) {
            return;
        }
        startWaits = true;
        CompletableFuture.delayedExecutor(Math.max(0, gapLeft()), TimeUnit.NANOSECONDS).execute(() -> {
            synchronized (lock) {
                startWaits = false;
                CompletableFuture<Void> next = queued;
                if (running == null && next != null) {
                    queued = null;
                    start().whenComplete((read, e) -> next.complete(null));
                }
            }
        });
    }

    /** Starts a listing (holding {@link #lock}). */
    private CompletableFuture<Void> start() {
        CompletableFuture<Void> listing = new CompletableFuture<>();
        running = listing;
        long number = ++started;
        lastStart = System.nanoTime();
        page(catalog.reading(), null, new java.util.HashSet<>()).whenComplete((read, e) -> {
            if (e == null) {
                failure = null;
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                failure = cause instanceof TimeoutException
                        ? "the MCP server did not answer tools/list in time" : cause.getMessage();
                LOG.warn("The MCP server's tools could not be read: {}", failure);
            }
            finished(listing, number);
        });
        return listing;
    }

    private void finished(CompletableFuture<Void> listing, long number) {
        synchronized (lock) {
            running = null;
            ended = number;
            if (queued != null) {
                startQueuedAfterGap();
            }
        }
        listing.complete(null);
    }

    /** Reads the page at {@code cursor} and those after it; {@code cursors}: those asked for so far. */
    private CompletableFuture<Void> page(ToolCatalog.Reading reading, String cursor, java.util.Set<String> cursors) {
        ObjectNode params = JsonRpc.JSON.createObjectNode();
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return upstream.ownRequest(McpMethods.TOOLS_LIST, params).thenCompose(response -> {
            if (!(response.get("result") instanceof ObjectNode result)) {
                throw new IllegalStateException("the MCP server refused tools/list: "
                        + TextCut.prefix(response.path("error").toString(), 200));
            }
            if (reading.addBytes(result.path("tools").toString().length()) > MAX_LISTING_BYTES) {
                throw new IllegalStateException("the MCP server listed more than " + MAX_LISTING_BYTES
                        + " bytes of tools");
            }
            fingerprint(reading.addPage(result));
            String next = result.path("nextCursor").isTextual() ? result.get("nextCursor").asText() : null;
            // a cursor asked for before ends the listing: a server whose cursors go round must not loop the proxy
            if (next == null || next.equals(cursor) || !cursors.add(next)) {
                reading.complete();
                return CompletableFuture.completedFuture(null);
            }
            if (reading.pages() >= MAX_PAGES) {
                throw new IllegalStateException("the MCP server listed its tools in more than " + MAX_PAGES
                        + " pages");
            }
            return page(reading, next, cursors);
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
    ObjectNode listed(ObjectNode response, ObjectNode result, boolean offerTasks,
                      java.util.function.Predicate<String> serverRunsTask) {
        fingerprint(catalog.merge(result));
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
