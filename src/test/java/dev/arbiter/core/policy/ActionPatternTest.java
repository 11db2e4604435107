package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActionPatternTest {

    @Test
    void exactPatternsMatchOnlyThemselvesIgnoringCase() {
        ActionPattern p = ActionPattern.parse("read:customer_profile");
        assertThat(p.matches("read:customer_profile")).isTrue();
        assertThat(p.matches("READ:Customer_Profile")).isTrue();
        assertThat(p.matches("read:customer_profiles")).isFalse();
        assertThat(p.matches("read:customer")).isFalse();
        assertThat(p.matches("write:customer_profile")).isFalse();
    }

    @Test
    void wildcardsMatchWithinTheirSideOfTheColon() {
        assertThat(ActionPattern.parse("delete:*").matches("delete:customer_data")).isTrue();
        assertThat(ActionPattern.parse("delete:*").matches("undelete:x")).isFalse();
        assertThat(ActionPattern.parse("*:payment_info").matches("write:payment_info")).isTrue();
        assertThat(ActionPattern.parse("read:customer_*").matches("read:customer_")).isTrue();
        assertThat(ActionPattern.parse("read:customer_*").matches("read:order_history")).isFalse();
        assertThat(ActionPattern.parse("read:*_history").matches("read:order_history")).isTrue();
        assertThat(ActionPattern.parse("*:*").matches("anything:at_all")).isTrue();
        assertThat(ActionPattern.parse("re*d:*").matches("read:x:y")).isTrue();
        assertThat(ActionPattern.parse("re*:*").matches("read")).isFalse();
        assertThat(ActionPattern.parse("a*b*c:*").matches("aXbYbZc:r")).isTrue();
        assertThat(ActionPattern.parse("a*b*c:*").matches("aXbYbZ:r")).isFalse();
    }

    @Test
    void aWildcardDoesNotCrossTheColon() {
        assertThat(ActionPattern.parse("read*:x").matches("read:x")).isTrue();
        assertThat(ActionPattern.parse("read*:x").matches("read:y:x")).isFalse();
    }

    @Test
    void invalidPatternsAreExplained() {
        assertThat(ActionPattern.problemWith("read")).get().asString().contains("write verb:resource");
        assertThat(ActionPattern.problemWith("read:a:b")).get().asString().contains("more than one colon");
        assertThat(ActionPattern.problemWith(":x")).get().asString().contains("has no verb");
        assertThat(ActionPattern.problemWith("read:x y")).get().asString().contains("white space");
        assertThat(ActionPattern.problemWith("read:ünïcode")).isPresent();
        assertThat(ActionPattern.problemWith("read:customer/profile.v2")).isEmpty();
    }

    @Test
    void networkTargetsMatchHostAndPort() {
        NetworkTarget exact = NetworkTarget.tryParse("crm-api.internal:443").orElseThrow();
        assertThat(exact.matches("crm-api.internal:443")).isTrue();
        assertThat(exact.matches("CRM-API.internal:443")).isTrue();
        assertThat(exact.matches("crm-api.internal:80")).isFalse();
        assertThat(exact.matches("evil.crm-api.internal:443")).isFalse();
        assertThat(exact.matches("crm-api.internal")).isFalse();
        NetworkTarget wild = NetworkTarget.tryParse("*.internal:*").orElseThrow();
        assertThat(wild.matches("crm-api.internal:8443")).isTrue();
        assertThat(wild.matches("internal.example.com:443")).isFalse();
    }

    @Test
    void invalidNetworkTargetsAreExplained() {
        assertThat(NetworkTarget.problemWith("crm api.internal:443")).contains(
                "\"crm api.internal:443\" contains white space or a control character at position 4; remove it");
        assertThat(NetworkTarget.problemWith("crm/api:443")).get().asString().contains("contains a path");
        assertThat(NetworkTarget.problemWith("crm_api.internal:443")).isEmpty();
        assertThat(NetworkTarget.problemWith("crm-api.internal:70000")).get().asString().contains("from 1 to 65535");
    }

    @Test
    void entriesAreEqualWhenWrittenAlike() {
        assertThat(ActionPattern.parse("read:x")).isEqualTo(ActionPattern.parse("read:x"))
                .hasSameHashCodeAs(ActionPattern.parse("read:x")).hasToString("read:x")
                .isNotEqualTo(ActionPattern.parse("READ:x"));
        assertThat(ActionPattern.parse("read:x").sameAs(ActionPattern.parse("READ:x"))).isTrue();
        NetworkTarget target = NetworkTarget.tryParse("crm:443").orElseThrow();
        assertThat(target).isEqualTo(NetworkTarget.tryParse("crm:443").orElseThrow()).hasToString("crm:443");
        assertThat((Object) target).isNotEqualTo(ActionPattern.parse("crm:443"));
    }
}
