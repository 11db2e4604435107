package dev.arbiter.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.gateway.GatewayConfig;
import dev.arbiter.gateway.McpHttpFront;
import dev.arbiter.mcp.HttpProxyTest.Listener;
import dev.arbiter.mcp.HttpProxyTest.RawHttp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker on loopback opens MCP HTTP sessions in a loop against the
 * 64-session cap, in front of the real {@code server-everything}. No other
 * client's session may be ended for the flood's: at the cap a newcomer gets
 * 503 with {@code Retry-After}, and only a session without any connection for
 * 30 min (a stepped clock here) is ended for a newcomer.
 */
class SessionFloodAttackTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":\"alive\",\"method\":\"ping\"}";

    @TempDir
    static Path dir;
    static Workspace workspace;
    static EverythingOverHttp everything;
    static URI upstream;

    @BeforeAll
    static void start() throws Exception {
        workspace = TestWorkspaces.open(dir.resolve("ws"));
        EverythingPolicy.install(workspace);
        everything = EverythingOverHttp.start(dir.resolve("everything.log"), WAIT);
        upstream = everything.upstream();
    }

    @AfterAll
    static void stop() {
        everything.close();
        workspace.close();
    }

    @Test
    void aFloodOfNewSessionsEndsNoOtherClientsSessionAndIsToldWhenToRetry() throws Exception {
        try (McpHttpSessions sessions = new McpHttpSessions(workspace, EverythingPolicy.AGENT, upstream, WAIT,
                Duration.ofMillis(200));
             McpHttpFront front = new McpHttpFront(sessions, new GatewayConfig("127.0.0.1", 0))) {
            front.start();
            RawHttp victim = new RawHttp(front.url());
            victim.initialize(); // and then quiet: between two calls, with no connection open

            int opened = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < McpHttpSessions.MAX_SESSIONS + 8 && refused == null; i++) {
                HttpResponse<String> init = new RawHttp(front.url()).post(initialize("flood-" + i));
                if (init.statusCode() == 200) {
                    opened++;
                } else {
                    refused = init;
                }
            }
            assertThat(opened).as("sessions the flood got beside the victim's")
                    .isEqualTo(McpHttpSessions.MAX_SESSIONS - 1);
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue(
                    Integer.toString(McpHttpSessions.FULL_RETRY_SECONDS));
            assertThat(refused.body()).contains("64 MCP sessions", "DELETE");
            assertThat(victim.post(PING).statusCode()).as("the victim's session outlived the flood").isEqualTo(200);
        }
    }

    @Test
    void onlyASessionWithoutAConnectionForHalfAnHourIsEndedForANewcomerAndALiveStreamNever() throws Exception {
        AtomicLong later = new AtomicLong();
        try (McpHttpSessions sessions = new McpHttpSessions(workspace, EverythingPolicy.AGENT, upstream, WAIT,
                Duration.ofMillis(200), McpHttpSessions.MAX_STREAMS, () -> System.nanoTime() + later.get());
             McpHttpFront front = new McpHttpFront(sessions, new GatewayConfig("127.0.0.1", 0))) {
            front.start();
            RawHttp listening = new RawHttp(front.url());
            listening.initialize();
            RawHttp quiet = new RawHttp(front.url());
            quiet.initialize();
            try (Listener stream = new Listener(front.url(), listening.session, null)) {
                assertThat(stream.response.statusCode()).isEqualTo(200);
                for (int i = 2; i < McpHttpSessions.MAX_SESSIONS; i++) {
                    assertThat(new RawHttp(front.url()).post(initialize("fill-" + i)).statusCode()).isEqualTo(200);
                }
                assertThat(new RawHttp(front.url()).post(initialize("early")).statusCode()).isEqualTo(503);

                // each filler's stream is done with before the clock steps, so none counts as used after it
                await().atMost(WAIT).until(sessions::connectedSessions, n -> n == 1);
                later.set(SessionCap.UNCONNECTED.plusMinutes(1).toNanos());
                assertThat(new RawHttp(front.url()).post(initialize("late-0")).statusCode()).isEqualTo(200);
                assertThat(quiet.post(PING).statusCode()).as("unconnected longest, so ended first").isEqualTo(404);
                int replaced = 1;
                while (new RawHttp(front.url()).post(initialize("late-" + replaced)).statusCode() == 200) {
                    replaced++;
                    assertThat(replaced).isLessThanOrEqualTo(McpHttpSessions.MAX_SESSIONS);
                }
                // every unconnected one was ended, the newcomers are fresh, and the one with a GET stream stays
                assertThat(replaced).isEqualTo(McpHttpSessions.MAX_SESSIONS - 1);
                assertThat(listening.post(PING).statusCode()).isEqualTo(200);
                assertThat(stream.ended).isFalse();
            }
        }
    }

    static String initialize(String client) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"" + client + "\",\"version\":\"1\"}}}";
    }
}
