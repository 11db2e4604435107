package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: one stdio line from the client that Arbiter reads as a harmless
 * {@code ping}, but that carries a second JSON-RPC message after it. Arbiter's
 * reader (Jackson readTree) stops after the first JSON value and ignores the
 * rest; the frame is then relayed byte for byte. The official MCP Python SDK
 * reads stdin through {@code TextIOWrapper} with universal newlines, so a lone
 * {@code \r} ends a line there: the server sees the smuggled
 * {@code tools/call} that Arbiter never decided (nor recorded).
 */
class McpFrameSmugglingTest {

    @TempDir
    Path dir;

    @Test
    void aToolCallAfterALoneCarriageReturnNeverReachesTheServerUndecided() throws Exception {
        // the read loop of mcp.server.stdio.stdio_server (TextIOWrapper(sys.stdin.buffer, encoding="utf-8")),
        // writing down the method of every message it parses
        String server = "import io, json, sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8'):\n"
                + "    try:\n"
                + "        out.write(json.loads(line).get('method', '') + '\\n'); out.flush()\n"
                + "    except Exception:\n"
                + "        out.write('unparsable\\n'); out.flush()\n";
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"delete_everything\",\"arguments\":{}}}\n";
        List<String> methods = RecordingServer.relay(dir, server, frame);
        assertThat(methods).as("what the MCP server parsed").doesNotContain("tools/call");
    }

    @Test
    void aToolCallAfterASpaceNeverReachesTheServerUndecided() throws Exception {
        // a server reading a stream of JSON values (Go's json.Decoder, as the Go SDK's stdio transport) sees two
        String server = "import json, sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "data = sys.stdin.buffer.read().decode('utf-8')\n"
                + "dec = json.JSONDecoder(); i = 0\n"
                + "while True:\n"
                + "    while i < len(data) and data[i] in ' \\t\\r\\n': i += 1\n"
                + "    if i >= len(data): break\n"
                + "    obj, i = dec.raw_decode(data, i)\n"
                + "    out.write(obj.get('method', '') + '\\n'); out.flush()\n";
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} "
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"delete_everything\",\"arguments\":{}}}\n";
        List<String> methods = RecordingServer.relay(dir, server, frame);
        assertThat(methods).as("what the MCP server parsed").doesNotContain("tools/call");
    }
}
