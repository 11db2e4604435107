package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * DNS rebinding and browsers, as classes: only this gateway's names at its
 * port pass, in any letter case; any other name, port or spelling, and any
 * Origin at all, is refused.
 */
class CallerCheckProperties {

    static final List<String> OURS = List.of("127.0.0.1", "localhost", "[::1]", "arbiter.internal");

    final CallerCheck check = new CallerCheck("127.0.0.1", 8765, false, List.of("arbiter.internal"));

    @Provide
    Arbitrary<String> ourNamesInAnyCase() {
        return Arbitraries.of(OURS).flatMap(name -> Arbitraries.integers().between(0, (1 << Math.min(name.length(),
                20)) - 1).map(mask -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < name.length(); i++) {
                        char c = name.charAt(i);
                        b.append((mask >> (i % 20) & 1) == 1 ? Character.toUpperCase(c) : c);
                    }
                    return b.toString();
                }));
    }

    @Property
    void ourNamesAtOurPortPass(@ForAll("ourNamesInAnyCase") String name) {
        assertThat(check.refusal(name + ":8765", null)).isNull();
    }

    @Property
    void ourNamesAtAnyOtherPortOrWithoutOneAreRefused(@ForAll("ourNamesInAnyCase") String name,
            @ForAll @IntRange(min = 0, max = 99999) int port) {
        Assume.that(port != 8765);
        assertThat(check.refusal(name + ":" + port, null)).isNotNull();
        assertThat(check.refusal(name, null)).as("no port means 80").isNotNull();
    }

    @Property
    void anyOtherHostIsRefused(@ForAll String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        Assume.that(OURS.stream().noneMatch(n -> h.equals(n + ":8765")));
        assertThat(check.refusal(host, null)).isNotNull();
    }

    @Property
    void lookAlikesOfOurNamesAreRefused(@ForAll("ourNamesInAnyCase") String name,
            @ForAll("decorations") String decoration) {
        assertThat(check.refusal(decoration.replace("N", name) + ":8765", null)).isNotNull();
    }

    @Provide
    Arbitrary<String> decorations() {
        return Arbitraries.of("N.", "N.evil.example", "evil.N", "N%00", "N ", " N x", "N\t", "xN", "N:8765",
                "N.nip.io", "N@evil.example");
    }

    @Property
    void anyOriginIsRefusedWhateverTheHost(@ForAll("ourNamesInAnyCase") String name, @ForAll String origin) {
        assertThat(check.refusal(name + ":8765", origin)).isNotNull();
    }
}
