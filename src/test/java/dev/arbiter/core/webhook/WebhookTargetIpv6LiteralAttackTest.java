package dev.arbiter.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attack on webhook targets with IPv6 literals the existing spellings did not cover: a link-local address with a
 * zone id naming no interface here (the check could not parse it and let it through, while another resolver,
 * or this host after an interface is added, reads it), the local-use NAT64 prefix {@code 64:ff9b:1::/48}
 * (RFC 8215: a translator on the site's own network, so any internal IPv4 behind it) and IPv4-translated
 * {@code ::ffff:0:a.b.c.d} (RFC 2765 SIIT). Rule: an address literal that does not parse is refused, and every
 * IPv6 form that carries or reaches IPv4 is judged by that IPv4 (local-use NAT64 is never public).
 */
class WebhookTargetIpv6LiteralAttackTest {

    private static final WebhookTarget.Resolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    @ParameterizedTest
    @ValueSource(strings = {
        "https://[fe80::1%25eth0]/", "https://[fe80::a9fe:a9fe%25noif9]/", "https://[fd00::1%25x]/",
        "https://[64:ff9b:1::a9fe:a9fe]/", "https://[64:ff9b:1:a9fe:a9:fe00::]/", "https://[64:ff9b:1::8.8.8.8]/",
        "https://[::ffff:0:a9fe:a9fe]/", "https://[::ffff:0:10.0.0.1]/", "https://[::ffff:0:7f00:1]/"
    })
    void internalTargetsInIpv6LiteralsAreRefused(String url) {
        assertThat(WebhookTarget.refusal(URI.create(url), NO_DNS)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://[::ffff:0:808:808]/", "https://[64:ff9b::808:808]/"})
    void publicIpv4BehindTranslationStaysAccepted(String url) {
        assertThat(WebhookTarget.refusal(URI.create(url), NO_DNS)).as(url).isEmpty();
    }
}
