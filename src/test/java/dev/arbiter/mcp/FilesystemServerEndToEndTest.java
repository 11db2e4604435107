package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.AuditEntry;
import dev.arbiter.core.audit.AuditQuery;
import dev.arbiter.core.audit.LedgerEntry;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end story against the real
 * {@code @modelcontextprotocol/server-filesystem} from npm, behind
 * {@code arbiter mcp proxy} as a real process, driven by the MCP Java SDK's
 * client, under the shipped example policy {@code resources/policies/files-agent.yaml}.
 * This test process holds the workspace open too, as the desktop would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesystemServerEndToEndTest {

    static final String AGENT = "files-agent";

    @TempDir
    static Path dir;
    static Path data;
    static Workspace workspace;
    static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(dir.resolve("data")).toRealPath();
        Files.writeString(data.resolve("notes.txt"), "meeting at 10\nbring the report\n");
        Files.writeString(data.resolve("keep.txt"), "original");
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        workspace.policies().importFile(Path.of("resources/policies/files-agent.yaml"), "test", null, true);
        workspace.agents().add(new AgentProfile(AGENT, "Files agent", "test", "", "", "", "", Set.of(), null,
                "files-agent", null), "test");
        client = ProxyClients.connect(ProxyClients.proxyCommand(dir.resolve("ws"), AGENT,
                NpmMcpServers.command(NpmMcpServers.FILESYSTEM, data.toString())), null);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (workspace != null) {
            workspace.close();
        }
    }

    @Test
    @Order(1)
    void toolsTheModelMayNotUseAreHiddenAndTheRestArePinned() {
        List<String> names = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
        assertThat(names).contains("read_text_file", "list_directory", "edit_file").doesNotContain("write_file");
        assertThat(workspace.toolFingerprints().list(AGENT)).extracting(t -> t.tool())
                .contains("read_text_file", "write_file"); // pinned even when hidden
    }

    @Test
    @Order(2)
    void anAllowedReadReturnsTheFile() {
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("read_text_file",
                Map.of("path", data.resolve("notes.txt").toString())));
        assertThat(result.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(ProxyClients.text(result)).isEqualTo("meeting at 10\nbring the report\n");
        AuditEntry decision = last("decision");
        assertThat(decision.action()).isEqualTo("read:file");
        assertThat(decision.decision()).isEqualTo("allow");
        assertThat(decision.toolsUsed()).containsExactly("read_text_file");
        assertThat(decision.inputSummary()).startsWith("read_text_file {\"path\":");
        org.awaitility.Awaitility.await().until(() -> newest("action.outcome").stream()
                .anyMatch(e -> e.traceId().equals(decision.traceId())));
    }

    @Test
    @Order(3)
    void aDeniedWriteLeavesTheFileAloneAndTellsTheModelNotToRetry() throws Exception {
        String secret = "overwritten-by-the-agent-" + System.nanoTime();
        McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("write_file",
                Map.of("path", data.resolve("keep.txt").toString(), "content", secret)));
        assertThat(result.isError()).isTrue();
        assertThat(ProxyClients.text(result)).contains("write:file").contains("denied_actions")
                .contains("do not retry").contains("DENIED_BY_POLICY");
        assertThat(Files.readString(data.resolve("keep.txt"), StandardCharsets.UTF_8)).isEqualTo("original");
        AuditEntry decision = last("decision");
        assertThat(decision.action()).isEqualTo("write:file");
        assertThat(decision.decision()).isEqualTo("deny");
        assertThat(decision.inputSummary()).contains("keep.txt").doesNotContain(secret).contains("***");
        assertThat(decision.detail()).doesNotContain(secret);
    }

    @Test
    @Order(4)
    void aToolTheServerDoesNotHaveIsAProtocolErrorAndIsAudited() {
        assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("format_disk", Map.of())))
                .isInstanceOf(McpError.class).hasMessageContaining("Unknown tool: format_disk");
        assertThat(last(ToolCallGate.REJECTED).detail()).contains("format_disk").contains("unknown tool");
    }

    @Test
    @Order(5)
    void theKillSwitchFromAnotherProcessRefusesTheNextCall() {
        workspace.killSwitch().engage(AGENT, "test: agent misbehaving", "test");
        try {
            // the proxy notices through the shared workspace (within a fraction of a second)
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("read_text_file",
                        Map.of("path", data.resolve("notes.txt").toString())));
                return Boolean.TRUE.equals(result.isError()) && ProxyClients.text(result).contains("KILL_SWITCH");
            });
            assertThat(last("decision").reasonCode()).isEqualTo("KILL_SWITCH");
        } finally {
            workspace.killSwitch().release(AGENT, "test over", "test");
        }
    }

    static List<AuditEntry> newest(String event) {
        return workspace.auditReader().newest(new AuditQuery(null, null, AGENT, event, null), 20).stream()
                .map(LedgerEntry::entry).toList();
    }

    static AuditEntry last(String event) {
        List<AuditEntry> entries = newest(event);
        assertThat(entries).as("audit entries " + event).isNotEmpty();
        return entries.get(0);
    }
}
