package dev.arbiter.core.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.policy.RiskTier;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 19: the shadow record is short exactly when the shadow answered with the reason code and tier the
 * entry records, is always one valid JSON object, and in full says the shadow's answer, whatever text the
 * policy name, rule and citation hold (quotes, backslashes, control characters, any script).
 */
class ShadowAnswerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<RiskTier> tiers() {
        return Arbitraries.of(RiskTier.class).injectNull(0.2);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(40)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
    }

    @Property(tries = 400)
    void shortExactlyWhenItAgreesAndAlwaysReadable(@ForAll ReasonCode code, @ForAll("tiers") RiskTier tier,
                                                    @ForAll ReasonCode writtenCode, @ForAll("tiers") RiskTier writtenTier,
                                                    @ForAll("texts") String policy, @ForAll("texts") String reason,
                                                    @ForAll("texts") String cite) throws Exception {
        ShadowAnswer answer = new ShadowAnswer(policy, 7, code, tier, reason, cite);
        JsonNode s = JSON.readTree(answer.json(writtenCode, writtenTier));
        assertThat(s.path("policy").asText()).isEqualTo(policy);
        assertThat(s.path("version").asInt()).isEqualTo(7);
        boolean agrees = code == writtenCode && tier == writtenTier;
        assertThat(s.path(DecisionEngine.SHADOW_AGREES).asBoolean()).isEqualTo(agrees);
        if (agrees) {
            assertThat(names(s)).containsExactly("policy", "version", DecisionEngine.SHADOW_AGREES);
        } else {
            assertThat(s.path("reason_code").asText()).isEqualTo(code.name());
            assertThat(s.path("tier").isNull() ? null : RiskTier.parse(s.path("tier").asText()).orElseThrow())
                    .isEqualTo(tier);
            assertThat(s.path("decision").asText()).isEqualTo(switch (code) {
                case ALLOWED, SUPERVISED_ALLOWED -> "allow";
                case PENDING_APPROVAL -> "pending";
                default -> "deny";
            });
            assertThat(s.path("reason").asText()).isEqualTo(reason + cite);
        }
    }

    @Property(tries = 100)
    void aFailureIsRecordedInFullWhateverTheDecision(@ForAll ReasonCode writtenCode, @ForAll("tiers") RiskTier tier,
                                                     @ForAll("texts") String why) throws Exception {
        JsonNode s = JSON.readTree(ShadowAnswer.failed("p", 2, why).json(writtenCode, tier));
        assertThat(names(s)).containsExactly("policy", "version", "error");
        assertThat(s.path("error").asText()).isEqualTo(why);
    }

    private static List<String> names(JsonNode s) {
        List<String> names = new ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
