package dev.arbiter.mcp;

import java.util.Set;

/**
 * The client-to-server requests the proxy forwards: the MCP methods of
 * protocol versions 2025-11-25 and 2026-07-28. Anything else is answered
 * "method not found" by the proxy itself, so that a method Arbiter does not
 * know can never become a way around {@code tools/call}.
 */
final class McpMethods {

    static final String INITIALIZE = "initialize";
    static final String TOOLS_CALL = "tools/call";
    static final String TOOLS_LIST = "tools/list";
    static final String INITIALIZED = "notifications/initialized";
    static final String CANCELLED = "notifications/cancelled";
    static final String PROGRESS = "notifications/progress";
    static final String TOOLS_CHANGED = "notifications/tools/list_changed";
    static final String TASKS_GET = "tasks/get";
    static final String TASKS_RESULT = "tasks/result";
    static final String TASKS_LIST = "tasks/list";
    static final String TASKS_CANCEL = "tasks/cancel";
    static final String TASK_STATUS = "notifications/tasks/status";

    private static final Set<String> FORWARDED = Set.of(INITIALIZE, "ping", TOOLS_LIST, TOOLS_CALL,
            "resources/list", "resources/templates/list", "resources/read", "resources/subscribe",
            "resources/unsubscribe", "prompts/list", "prompts/get", "completion/complete", "logging/setLevel",
            TASKS_GET, TASKS_RESULT, TASKS_LIST, TASKS_CANCEL);

    private McpMethods() {
    }

    static boolean forwarded(String method) {
        return FORWARDED.contains(method);
    }
}
