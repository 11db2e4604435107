package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Attack on the MCP tool → action mapping: the policy rules {@code delete_customer} (action
 * {@code delete:customer}, denied) and the server offers the same words under another spelling. Rules were
 * looked up by the exact name, so {@code Delete-Customer} fell to the default action {@code call:delete-customer}
 * and past the rule. Property: every spelling of a ruled tool's words (case, separators, camel case, full-width,
 * Cyrillic or Greek look-alikes, invisible characters), generated, is governed by the rule; other words are not.
 */
class McpToolLookAlikeNameProperties {

    static final McpToolRule DELETE = new McpToolRule("delete:customer", Map.of(), Set.of(), List.of());
    static final McpTools MCP = new McpTools(Map.of("delete_customer", DELETE, "read_customer",
            new McpToolRule("read:customer", Map.of(), Set.of(), List.of())), McpTools.DEFAULT_ACTION, true,
            ToolChangeRule.AUDIT, Set.of());

    @Property(tries = 300)
    void everySpellingOfARuledToolsWordsIsGovernedByItsRule(@ForAll("spellings") String tool) {
        assertThat(MCP.ruleFor(tool)).as(tool).isSameAs(DELETE);
        assertThat(MCP.actionFor(tool)).as(tool).isEqualTo("delete:customer");
    }

    @Example
    void writtenSpellings() {
        for (String tool : List.of("Delete-Customer", "DELETE_CUSTOMER", "deleteCustomer", "delete customer",
                "delete.customer", "d\u0435lete_\u0441ustomer", "\uff44\uff45\uff4c\uff45\uff54\uff45_customer",
                "delete\u200b_customer", "DeleteCustomer")) {
            assertThat(MCP.actionFor(tool)).as(tool).isEqualTo("delete:customer");
        }
    }

    @Example
    void otherWordsKeepTheDefaultAction() {
        assertThat(MCP.actionFor("delete_customers")).isEqualTo("call:delete_customers");
        assertThat(MCP.actionFor("undelete_customer")).isEqualTo("call:undelete_customer");
        assertThat(MCP.actionFor("___")).isEqualTo("call:___");
        assertThat(MCP.ruleFor("read_customer").action()).isEqualTo("read:customer");
    }

    @Provide
    Arbitrary<String> spellings() {
        Arbitrary<String> separator = Arbitraries.of("_", "-", ".", " ", "", "__", "\u200b", "\t", "/", "\u00ad");
        Arbitrary<String> delete = word("delete");
        Arbitrary<String> customer = word("customer");
        return net.jqwik.api.Combinators.combine(delete, separator, customer).as((d, s, c) -> d + s + c);
    }

    /** {@code word} with each letter kept, upper-cased, made full-width, or swapped for a look-alike. */
    private static Arbitrary<String> word(String word) {
        Map<Character, String> lookAlike = Map.of('e', "\u0435", 'c', "\u0441", 'o', "\u043e", 'u', "\u03c5",
                't', "\u0442", 'd', "\u0501", 's', "\u0455");
        return Arbitraries.integers().between(0, 3).list().ofSize(word.length()).map(choices -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                switch (choices.get(i)) {
                    case 1 -> b.append(Character.toUpperCase(c));
                    case 2 -> b.append((char) (c - 'a' + '\uff41'));
                    case 3 -> b.append(lookAlike.getOrDefault(c, String.valueOf(c)));
                    default -> b.append(c);
                }
            }
            return b.toString();
        });
    }
}
