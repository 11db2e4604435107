package dev.arbiter.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook targets on internal networks (SSRF): every spelling of a non-public address is refused. */
class WebhookTargetTest {

    private static final WebhookTarget.Resolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "https://169.254.169.254/latest/meta-data/", "https://2852039166/", "https://0xa9fea9fe/",
        "https://0xA9.0xFE.0xA9.0xFE/", "https://0251.0376.0251.0376/", "https://169.254.43518/",
        "https://169.16689662/", "https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe]/",
        "https://[0:0:0:0:0:ffff:a9fe:a9fe]/", "https://[::169.254.169.254]/", "https://[64:ff9b::a9fe:a9fe]/",
        "https://[2002:a9fe:a9fe::1]/", "https://[fe80::1]/", "https://[FD00::1]/", "https://[fc00::abcd]/",
        "https://[fec0::1]/", "https://10.0.0.1/", "https://172.16.5.4/", "https://172.31.255.255/",
        "https://192.168.1.1:8443/x", "https://100.64.0.1/", "https://0.0.0.0/", "https://[::]/",
        "https://224.0.0.1/", "https://255.255.255.255/", "https://198.18.0.1/", "https://010.0.0.1/",
        "https://127.1/", "https://0x7f000001/", "https://2130706433/", "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:7f00:1]/", "https://10.0.0.1./"
    })
    void internalTargetsAreRefusedInEverySpelling(String url) {
        assertThat(WebhookTarget.refusal(URI.create(url), NO_DNS)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.slack.com/services/T0/B0/x", "https://203.0.113.7/hook", "https://8.8.8.8/",
        "https://[2606:4700::1111]/", "https://172.32.0.1/", "https://100.128.0.1/", "https://1e100.net/",
        "http://127.0.0.1:8080/relay", "http://localhost:9000/", "http://[::1]:9000/", "https://169.255.0.1/"
    })
    void publicTargetsAndALiteralLocalRelayAreAccepted(String url) {
        assertThat(WebhookTarget.refusal(URI.create(url), NO_DNS)).as(url).isEmpty();
    }

    @Test
    void aNameThatResolvesInwardIsRefusedAndSaysWhereItResolved() throws Exception {
        WebhookTarget.Resolver rebinding = host -> new InetAddress[] {
            InetAddress.getByName("203.0.113.9"), InetAddress.getByName("169.254.169.254")};
        assertThat(WebhookTarget.refusal(URI.create("https://hooks.example.com/x"), rebinding)).hasValueSatisfying(
                why -> assertThat(why).contains("hooks.example.com resolves to 169.254.169.254", "link-local",
                        "cloud metadata"));
        WebhookTarget.Resolver mapped = host -> new InetAddress[] {InetAddress.getByName("::ffff:10.1.2.3")};
        assertThat(WebhookTarget.refusal(URI.create("https://x.example/"), mapped)).isPresent();
        // the real resolver: this machine's own name resolves to one of its addresses, loopback or private
        String self = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        InetAddress[] own = InetAddress.getAllByName(self);
        if (!self.equals("localhost") && WebhookTarget.nonPublic(own[0]).isPresent()) {
            assertThat(WebhookTarget.refusal(URI.create("https://" + self + "/hook"), WebhookTarget.SYSTEM))
                    .as(self).isPresent();
        }
    }

    @Property(tries = 300)
    void everyNonPublicIpv4AddressIsRefusedHoweverItIsWritten(@ForAll("internal") int[] octets,
                                                            @ForAll("spellings") int spelling) {
        String host = spell(octets, spelling);
        boolean literalRelay = octets[0] == 127 && spelling == 0;
        assertThat(WebhookTarget.refusal(URI.create("https://" + host + "/h"), NO_DNS).isPresent())
                .as(host).isNotEqualTo(literalRelay);
    }

    @Provide
    Arbitrary<int[]> internal() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(10, 127, 0), any, any, any).as((a, b, c, d) -> new int[] {a, b, c, d}),
                Combinators.combine(Arbitraries.integers().between(16, 31), any, any).as((b, c, d) -> new int[] {172, b, c, d}),
                Combinators.combine(any, any).as((c, d) -> new int[] {192, 168, c, d}),
                Combinators.combine(any, any).as((c, d) -> new int[] {169, 254, c, d}),
                Combinators.combine(Arbitraries.integers().between(64, 127), any, any).as((b, c, d) -> new int[] {100, b, c, d}));
    }

    @Provide
    Arbitrary<Integer> spellings() {
        return Arbitraries.integers().between(0, 5);
    }

    /** 0 dotted decimal, 1 one decimal number, 2 one hex number, 3 dotted octal, 4 dotted hex, 5 IPv4-mapped IPv6. */
    private static String spell(int[] o, int spelling) {
        long value = ((long) o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3];
        return switch (spelling) {
            case 0 -> o[0] + "." + o[1] + "." + o[2] + "." + o[3];
            case 1 -> Long.toString(value);
            case 2 -> "0x" + Long.toHexString(value);
            case 3 -> String.format("0%o.0%o.0%o.0%o", o[0], o[1], o[2], o[3]);
            case 4 -> String.format("0x%x.0x%x.0x%x.0x%x", o[0], o[1], o[2], o[3]);
            default -> String.format("[::ffff:%d.%d.%d.%d]", o[0], o[1], o[2], o[3]);
        };
    }

    @Test
    void addingAWebhookToTheMetadataServiceIsRefusedNamingTheField(@TempDir Path dir) {
        try (Workspace ws = TestWorkspaces.open(dir)) {
            assertThatThrownBy(() -> ws.webhooks().add(WebhookKind.GENERIC, "https://[::ffff:a9fe:a9fe]/latest",
                    Set.of(WebhookTopic.ALERTS), "dana")).isInstanceOf(InvalidWebhookException.class)
                    .hasMessageStartingWith("URL https://").hasMessageContaining("link-local")
                    .hasMessageNotContaining("latest");
            assertThat(ws.webhooks().list()).isEmpty();
            assertThat(ws.webhooks().add(WebhookKind.GENERIC, "http://127.0.0.1:9/relay", Set.of(WebhookTopic.ALERTS),
                    "dana").id()).startsWith("wh-");
        }
    }
}
