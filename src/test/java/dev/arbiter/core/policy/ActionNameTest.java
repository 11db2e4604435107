package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 12 §1: one canonical action name; every other spelling is refused, saying what to write. */
class ActionNameTest {

    private static String refusal(String sent) {
        ActionName.Reading reading = ActionName.read(sent);
        assertThat(reading).as("%s should be refused", sent).isInstanceOf(ActionName.Refused.class);
        return ((ActionName.Refused) reading).message();
    }

    @Test
    void letterCaseIsFoldedAndTheSpellingSentIsKept() {
        ActionName.Canonical c = (ActionName.Canonical) ActionName.read("READ:Secrets");
        assertThat(c.name().text()).isEqualTo("read:secrets");
        assertThat(c.sent()).isEqualTo("READ:Secrets");
        assertThat(c.folded()).isTrue();
        assertThat(((ActionName.Canonical) ActionName.read("read:customer/profile.v2")).folded()).isFalse();
    }

    @Test
    void theIssuesExamplesAreRefusedWithWhatToWriteInstead() {
        assertThat(refusal("read:secrets/")).contains("empty segment").endsWith("write read:secrets instead");
        assertThat(refusal("read:./secrets")).contains(". or .. segment").endsWith("write read:secrets instead");
        assertThat(refusal("read:x:")).contains("more than one colon").endsWith("write read:x instead");
        assertThat(refusal("read:x ")).contains("white space at position 7").endsWith("write read:x instead");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/read:secrets", "read:/secrets", "read:secrets//", "read:secrets.", "read:.secrets",
            "read:secrets/.", "read:a//b", "read:a/./b", "read:a/../secrets", "read:..", " read:secrets",
            "read :secrets", "read:secrets\t", "read:secrets\n", "read:sec\u0000rets", "read:sec\u200Brets",
            "read:%73ecrets", "read:secrets%2F", "read:secrets\\", "read:\\secrets", "r\u0435ad:secrets",
            "read:\uFF53ecrets", "read:secrets\u00A0", "read:se\u0441rets", "read:secr\u0435ts", "read::secrets",
            "read:secrets:", ":read:secrets", "read", "", ":", "read:", ":secrets", "read:*", "read:sec*rets",
            "read:secrets?x", "read:secrets#", "read:secrets;", "read:\u212Aey"})
    void nonCanonicalSpellingsAreRefused(String sent) {
        assertThat(refusal(sent)).isNotBlank().doesNotContain("Exception");
    }

    @Test
    void aDotDotIsNeverResolvedIntoASuggestion() {
        assertThat(refusal("read:public/../secrets")).doesNotContain("write read");
    }

    @Test
    void partsAreAtMostAHundredCharacters() {
        assertThat(ActionName.read("read:" + "x".repeat(100))).isInstanceOf(ActionName.Canonical.class);
        assertThat(refusal("read:" + "x".repeat(101))).contains("at most 100");
    }

    @Test
    void aDenyCoversEverythingBelowItButAnAllowOnlyItself() {
        ActionPattern deny = ActionPattern.parse("read:secrets");
        assertThat(deny.covers(ActionName.of("read:secrets/api_key"))).isTrue();
        assertThat(deny.covers(ActionName.of("read:secrets.old"))).isTrue();
        assertThat(deny.covers(ActionName.of("read:secrets_public"))).isFalse();
        assertThat(deny.matches(ActionName.of("read:secrets/api_key"))).isFalse();
        assertThat(ActionPattern.parse("READ:*").canonical()).isEqualTo("read:*");
        assertThat(ActionPattern.parse("read:*").sameAs(ActionPattern.parse("READ:*"))).isTrue();
    }

    @Test
    void patternsFollowTheSameGrammar() {
        assertThat(ActionPattern.problemWith("read:secrets/")).get().asString().contains("write read:secrets instead");
        assertThat(ActionPattern.problemWith("read:./secrets")).isPresent();
        assertThat(ActionPattern.problemWith("read:secr\u0435ts")).get().asString().contains("U+0435");
        assertThat(ActionPattern.problemWith("delete:*")).isEmpty();
        assertThat(ActionPattern.problemWith("*:payment*")).isEmpty();
    }
}
