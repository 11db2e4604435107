package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.mcp.StdioProxy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: an allowed {@code tools/call} of {@code echo} whose params also
 * carry {@code "Name":"delete_everything"}. Arbiter reads the exact key
 * {@code name} (echo: allowed, recorded) and relays the bytes; a server whose
 * JSON reader matches struct fields without regard to letter case, the last
 * match winning (Go's encoding/json, under the Go MCP SDKs), runs
 * delete_everything, which the policy denies. Invariant tested: the server
 * never receives a denied tool's name in a call Arbiter allowed for another.
 */
class McpCaseVariantKeyTest {

    @TempDir
    Path dir;

    @Test
    void aCallAllowedForOneToolCarriesNoSecondName() throws Exception {
        assertNeverRelayed("{\"name\":\"echo\",\"Name\":\"delete_everything\",\"arguments\":{}}",
                "delete_everything");
    }

    /** Go folds letter case as Unicode does: the long s (U+017F) matches s, the Kelvin sign (U+212A) matches k. */
    @Test
    void aUnicodeCaseTwinIsNoWayAroundEither() throws Exception {
        assertNeverRelayed("{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"},"
                + "\"argument\u017f\":{\"message\":\"smuggled\"}}", "smuggled");
    }

    private void assertNeverRelayed(String params, String marker) throws Exception {
        Path seen = dir.resolve("server-saw-" + marker + ".txt");
        String server = "import json, sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in sys.stdin:\n"
                + "    out.write(line); out.flush()\n"
                + "    m = json.loads(line)\n"
                + "    if m.get('method') == 'tools/list':\n"
                + "        tools = [{'name': n, 'inputSchema': {'type': 'object'}} for n in ('echo', 'delete_everything')]\n"
                + "        sys.stdout.write(json.dumps({'jsonrpc': '2.0', 'id': m['id'], 'result': {'tools': tools}}) + '\\n')\n"
                + "        sys.stdout.flush()\n";
        try (Workspace ws = RecordingServer.workspace(dir.resolve("ws-" + marker))) {
            Pipe in = Pipe.open();
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            OutputStream toProxy = Channels.newOutputStream(in.sink());
            Thread proxy = new Thread(() -> {
                try {
                    new StdioProxy(ws, "mcp-agent", 10).run(List.of("python3", "-c", server, seen.toString()),
                            Channels.newInputStream(in.source()), toClient);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            proxy.start();
            toProxy.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" + params + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            toProxy.flush();
            // Done when the call reached the server or the client got Arbiter's refusal.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (System.nanoTime() < deadline && !(Files.exists(seen)
                    && Files.readString(seen).contains("\"id\":1,")) && !answered(toClient)) {
                Thread.sleep(100);
            }
            Thread.sleep(300);
            toProxy.close();
            proxy.join(15_000);
        }
        List<String> lines = RecordingServer.linesOf(seen);
        assertThat(lines).as("what the MCP server received").noneMatch(l -> l.contains("\"tools/call\"")
                && l.contains(marker));
    }

    /** Arbiter's own answer: the recording server never answers a call. (The stream's methods are synchronized.) */
    private static boolean answered(ByteArrayOutputStream toClient) {
        return toClient.toString(StandardCharsets.UTF_8).contains("\"id\":1");
    }
}
