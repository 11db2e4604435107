package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: {@code tools/call} sent without an {@code id} (a JSON-RPC
 * notification). The proxy gates requests and answers unknown request methods
 * itself "so that a method Arbiter does not know can never become a way around
 * tools/call" (McpMethods), but every notification, whatever its method, is
 * relayed as is: the server gets a {@code tools/call} of a denied tool that
 * Arbiter neither decided nor recorded. A server that dispatches on
 * {@code method} and only skips the reply when there is no id runs it.
 */
class McpNotificationCallTest {

    @TempDir
    Path dir;

    @Test
    void aToolCallWithoutAnIdNeverReachesTheServer() throws Exception {
        String server = "import json, sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in sys.stdin:\n"
                + "    m = json.loads(line)\n"
                + "    out.write(m.get('method', '') + ('' if 'id' in m else ' (no id)') + '\\n'); out.flush()\n";
        String frames = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"delete_everything\","
                + "\"arguments\":{}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"tools/execute\",\"params\":{\"name\":\"delete_everything\"}}\n";
        List<String> methods = RecordingServer.relay(dir, server, frames);
        assertThat(methods).as("what the MCP server received")
                .noneMatch(m -> m.startsWith("tools/call") || m.startsWith("tools/execute"));
    }
}
