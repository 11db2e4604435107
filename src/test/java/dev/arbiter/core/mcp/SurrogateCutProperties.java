package dev.arbiter.core.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.policy.ArgumentPath;
import dev.arbiter.core.policy.McpToolRule;
import dev.arbiter.core.policy.McpTools;
import dev.arbiter.core.policy.ToolChangeRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Attack (found, no attacker needed): an MCP argument with an emoji where Arbiter cuts long text for the ledger
 * (the argument summary, a context value) was cut between the two halves of its surrogate pair. The lone half is
 * text PostgreSQL's {@code jsonb} refuses, so on a team database the whole group commit failed (every agent's
 * decision in it); since the writer refuses such an entry alone, the call itself was refused. Property: whatever
 * the lengths and where the emoji fall, the decision request holds no lone surrogate.
 */
class SurrogateCutProperties {

    static final McpTools MCP = new McpTools(Map.of("send", new McpToolRule("send:message",
            Map.of("target", ArgumentPath.parse("$.to")), Set.of(), List.of())), McpTools.DEFAULT_ACTION, true,
            ToolChangeRule.AUDIT, Set.of());

    @Property(tries = 150)
    void cutTextNeverEndsInHalfACharacter(@ForAll("texts") String body, @ForAll("texts") String to) {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("body", body);
        args.put("to", to);
        args.putArray("more").add(body).add(to);
        ToolCallReading reading = ToolCallRequests.read("agent", null, "send", args, ToolHints.NONE, MCP);
        if (reading instanceof ToolCallReading.Undecidable refused) {
            // a target the gateway would refuse (empty, past 300 characters, no host) is refused here too, in whole words
            assertThat(loneSurrogateIn(refused.problem())).as(refused.problem()).isFalse();
            return;
        }
        DecisionRequest r = ((ToolCallReading.Decidable) reading).request();
        assertThat(loneSurrogateIn(r.inputSummary())).as(r.inputSummary()).isFalse();
        assertThat(loneSurrogateIn(r.contextJson())).as(r.contextJson()).isFalse();
        assertThat(loneSurrogateIn(r.target())).isFalse();
    }

    /** The refusal quotes the first 120 characters of the target: an emoji across that edge stays whole. */
    @net.jqwik.api.Example
    void aRefusedTargetIsQuotedWithoutHalfACharacter() {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("to", "a".repeat(119) + "\ud83d\ude00 and more that is no host");
        ToolCallReading reading = ToolCallRequests.read("agent", null, "send", args, ToolHints.NONE, MCP);
        assertThat(reading).isInstanceOfSatisfying(ToolCallReading.Undecidable.class,
                u -> assertThat(loneSurrogateIn(u.problem())).as(u.problem()).isFalse());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab\u00e9").ofMinLength(0).ofMaxLength(3).list().ofMinSize(1)
                .ofMaxSize(700).map(parts -> String.join("\ud83d\ude00", parts));
    }

    static boolean loneSurrogateIn(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }
}
