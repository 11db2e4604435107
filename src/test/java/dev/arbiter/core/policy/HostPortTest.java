package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13 §4: one documented canonical form of host:port for targets and network_access. */
class HostPortTest {

    private static String canonical(String text) {
        HostPort.Reading r = HostPort.read(text);
        assertThat(r).as(text).isInstanceOf(HostPort.Canonical.class);
        return ((HostPort.Canonical) r).target().text();
    }

    @ParameterizedTest
    @CsvSource({
            "crm-api.internal:0443, crm-api.internal:443",
            "CRM-API.INTERNAL:443, crm-api.internal:443",
            "crm-api.internal.:443, crm-api.internal:443",
            "Crm-Api.Internal.:00443, crm-api.internal:443",
            "b\u00FCcher.example:443, xn--bcher-kva.example:443",
            "\uFF43rm-api.internal:443, crm-api.internal:443",
            "[0:0:0:0:0:0:0:1]:8443, [::1]:8443",
            "[FD00:0:0:0:0:0:0:1]:443, [fd00::1]:443",
            "[2001:db8:0:0:1:0:0:1]:443, [2001:db8::1:0:0:1]:443",
            "[::ffff:10.0.0.1]:443, 10.0.0.1:443",
            "10.0.0.1:443, 10.0.0.1:443"})
    void spellingsOfOneTargetReadAsOne(String sent, String expected) {
        assertThat(canonical(sent)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm-api.internal", "https://crm-api.internal:443", "user@crm-api.internal:443",
            "user:pw@crm-api.internal:443", "crm-api.internal:443/path", "crm-api.internal:0", "crm-api.internal:65536",
            "crm-api.internal:+443", "crm-api.internal:0x1bb", "crm-api.internal:", ":443", "::1:443", "[::1]",
            "[fe80::1%eth0]:443", "crm-api..internal:443", ".crm-api.internal:443", "crm api.internal:443",
            " crm-api.internal:443", "crm-api.internal:443 ", "crm-api.internal%2e:443", "010.0.0.1:443",
            "2130706433:443", "10.0.0:443", "256.0.0.1:443", "crm-api.internal:*", "*.internal:443", ""})
    void unreadableTargetsAreRefusedWithAReason(String sent) {
        assertThat(HostPort.read(sent)).as(sent).isInstanceOf(HostPort.Refused.class);
        assertThat(((HostPort.Refused) HostPort.read(sent)).message()).isNotBlank();
    }

    @Test
    void policyEntriesMatchEverySpellingOfTheirTarget() {
        NetworkTarget entry = NetworkTarget.tryParse("CRM-API.INTERNAL:0443").orElseThrow();
        assertThat(entry.canonical().text()).isEqualTo("crm-api.internal:443");
        assertThat(entry.matches("crm-api.internal:443")).isTrue();
        assertThat(entry.matches("crm-api.internal.:443")).isTrue();
        assertThat(entry.matches("crm-api.internal:444")).isFalse();
        assertThat(entry.matches("crm-api.internal.evil:443")).isFalse();
        assertThat(entry.matches("cr\u043C-api.internal:443")).isFalse(); // Cyrillic look-alike: another host
        NetworkTarget wild = NetworkTarget.tryParse("*.internal:*").orElseThrow();
        assertThat(wild.matches("CRM-API.INTERNAL.:8443")).isTrue();
        assertThat(wild.matches("internal.example.com:443")).isFalse();
    }
}
