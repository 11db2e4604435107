package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The policy's {@code mcp_} keys: read into {@link McpTools}, and every mistake named at its line and column. */
class McpToolsPolicyTest {

    static String policyWith(String mcpLines) {
        return """
                agent_policy:
                  name: "p"
                  allowed_actions: [read:file, issue:refund]
                """ + mcpLines;
    }

    static List<String> problems(String yaml) {
        PolicyCheck check = PolicyYaml.check(yaml);
        assertThat(check.isValid()).as("expected problems in:%n%s", yaml).isFalse();
        return check.problems().stream().map(PolicyProblem::toString).toList();
    }

    @Test
    void theIssuesExampleReadsAsWritten() {
        AgentPolicy p = PolicyYaml.parse("""
                agent_policy:
                  name: "files-agent"
                  allowed_actions: [read:file, list:directory]
                  denied_actions: [write:file, delete:file]
                  mcp_tools:
                    read_text_file: {action: "read:file", context: {path: "$.path"}}
                    write_file:     {action: "write:file", context: {path: "$.path"}}
                    refund_order:   {action: "issue:refund", context: {amount_usd: "$.amount"}}
                  mcp_default_action: "call:{tool}"
                """);
        McpTools mcp = p.mcpTools();
        assertThat(mcp.actionFor("read_text_file")).isEqualTo("read:file");
        assertThat(mcp.actionFor("refund_order")).isEqualTo("issue:refund");
        assertThat(mcp.ruleFor("refund_order").context()).containsKey("amount_usd");
        assertThat(mcp.actionFor("list_directory")).isEqualTo("call:list_directory");
        assertThat(mcp.hideDenied()).isTrue();
        assertThat(mcp.onChange()).isEqualTo(ToolChangeRule.AUDIT);
    }

    @Test
    void aPolicyWithoutMcpKeysGetsTheDefaults() {
        assertThat(PolicyYaml.parse(SamplePolicies.GUIDE).mcpTools()).isEqualTo(McpTools.DEFAULT);
    }

    @Test
    void theShippedFilesPolicyIsValidAndBlocksChangedTools() throws Exception {
        AgentPolicy p = PolicyYaml.parse(Files.readString(Path.of("resources/policies/files-agent.yaml")));
        assertThat(p.mcpTools().onChange()).isEqualTo(ToolChangeRule.BLOCK);
        assertThat(p.deniedBy(ActionName.of(p.mcpTools().actionFor("write_file")))).isNotNull();
        assertThat(p.allowedBy(ActionName.of(p.mcpTools().actionFor("read_text_file")))).isNotNull();
    }

    @Test
    void mistakesAreNamedAtTheirLineAndColumn() {
        assertThat(problems(policyWith("""
                  mcp_tools:
                    read_text_file: {acton: "read:file"}
                """))).containsExactly(
                "5:5: mcp_tools.read_text_file has no action; write {action: \"verb:resource\"}, e.g. "
                        + "{action: \"read:file\"}",
                "5:22: unknown key \"acton\" in mcp_tools.read_text_file; did you mean \"action\"?");
        assertThat(problems(policyWith("""
                  mcp_tools:
                    refund: {action: "issue:refund", context: {amount_usd: "amount"}}
                """))).singleElement().asString().startsWith("5:60: in mcp_tools.refund.context.amount_usd: "
                + "\"amount\" is not an argument path: it must start with $");
        assertThat(problems(policyWith("""
                  mcp_tools:
                    refund: {action: "issue:*"}
                """))).singleElement().asString().startsWith("5:22: in mcp_tools.refund.action: \"issue:*\" is a "
                + "pattern");
        assertThat(problems(policyWith("  mcp_default_action: \"call\"\n"))).singleElement().asString()
                .startsWith("4:23: in mcp_default_action: \"call\" is not an action pattern");
        assertThat(problems(policyWith("  mcp_tool_changes: ignore\n"))).containsExactly(
                "4:21: mcp_tool_changes must be \"audit\" (record a changed tool) or \"block\" (also refuse its calls "
                        + "until a person accepts the change), not \"ignore\"");
        assertThat(problems(policyWith("  mcp_tools:\n    t: {action: \"read:file\", data_classes: [PIII]}\n")))
                .singleElement().asString().startsWith("5:45: in mcp_tools.t.data_classes: \"PIII\" is not a data "
                + "class");
        assertThat(problems(policyWith("  mcp_tool:\n    t: read:file\n"))).singleElement().asString()
                .contains("did you mean \"mcp_tools\"?");
    }

    @Property(tries = 300)
    void noToolNameCanSmuggleAColonOrWildcardIntoTheDefaultAction(@ForAll @StringLength(max = 40) String tool) {
        String action = McpTools.DEFAULT.actionFor(tool);
        assertThat(action).startsWith("call:");
        assertThat(action.substring(5)).doesNotContain(":", "*").isNotEmpty();
        assertThat(ActionPattern.problemWith(action)).isEmpty();
    }

    @Property(tries = 200)
    void aPathReadsBackWhatWasPutThere(@ForAll @StringLength(min = 1, max = 12) String field,
                                       @ForAll int value) throws Exception {
        String quoted = field.replace("'", "");
        if (quoted.isEmpty() || quoted.contains("]")) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        var args = json.createObjectNode();
        args.putObject("outer").putArray("items").addObject().put(quoted, value);
        ArgumentPath path = ArgumentPath.parse("$.outer.items[0]['" + quoted + "']");
        assertThat(path.in(args).asInt()).isEqualTo(value);
        assertThat(ArgumentPath.parse("$.outer.missing[3]").in(args).isMissingNode()).isTrue();
    }
}
