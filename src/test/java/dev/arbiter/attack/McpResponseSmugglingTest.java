package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack: a message Arbiter reads as the client's <em>response</em> (it has
 * an id and an "error", and no key spelled exactly "method") is relayed to the
 * server byte for byte, whatever else it carries. Here it also carries
 * {@code "Method":"tools/call"} and {@code "Params"}: a server whose JSON
 * reader matches keys without regard to case (Go's encoding/json does, for
 * struct fields) reads a tools/call of a denied tool that Arbiter never
 * decided. Invariant tested: no bytes naming tools/call reach the server
 * unless Arbiter decided that call.
 */
class McpResponseSmugglingTest {

    @TempDir
    Path dir;

    @Test
    void aClientResponseCarriesNothingButAResponseToTheServer() throws Exception {
        String server = "import sys\n"
                + "out = open(sys.argv[1], 'a')\n"
                + "for line in sys.stdin:\n"
                + "    out.write(line); out.flush()\n";
        String frame = "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":0,\"message\":\"x\"},"
                + "\"Method\":\"tools/call\",\"Params\":{\"name\":\"delete_everything\",\"arguments\":{}}}\n";
        List<String> lines = RecordingServer.relay(dir, server, frame);
        assertThat(lines).as("what the MCP server received")
                .noneMatch(l -> l.toLowerCase(Locale.ROOT).contains("tools/call"));
    }
}
