package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.arbiter.core.TestWorkspaces;
import dev.arbiter.core.Workspace;
import dev.arbiter.core.agent.AgentProfile;
import dev.arbiter.core.audit.LedgerEntry;
import dev.arbiter.core.policy.DailyBudget;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issues 12 §1–2 and 13 §4 through the real gateway on a free port: a refused
 * spelling is 400 naming the field and what to write, a case-folded denied
 * action is denied and audited with both spellings, a sandboxed agent must name
 * its target, and absurd numbers are refused.
 */
class CanonicalRequestGatewayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String POLICY = """
            agent_policy:
              name: ops
              allowed_actions:
                - read:*
              denied_actions:
                - read:secrets
              sandbox: true
              network_access:
                - crm-api.internal:443
            """;

    @TempDir
    Path dir;
    Workspace ws;
    GatewayServer server;
    String token;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() {
        ws = TestWorkspaces.open(dir);
        ws.policies().save(POLICY, "test", null, true);
        ws.agents().add(new AgentProfile("ops-bot", "Ops bot", "Ops", "", "", "", "", Set.of(), DailyBudget.NONE,
                "ops", null), "test");
        token = ws.tokens().issue("ops-bot", Duration.ofHours(1), "test").token();
        server = new GatewayServer(ws, new GatewayConfig("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        ws.close();
    }

    record Reply(int status, JsonNode json) {
        String error(String field) {
            return json.path("error").path(field).asText(null);
        }
    }

    Reply ask(String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/v1/actions")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    static String request(String action, String extra) {
        return "{\"agent_id\": \"ops-bot\", \"action\": " + JSON.valueToTree(action) + ", "
                + "\"target\": \"crm-api.internal:443\"" + extra + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"read:secrets/", "read:./secrets", "read:secrets//", "/read:secrets", "read:/secrets",
            " read:secrets", "read:secrets ", "read:secrets:", "read:secrets\\", "read:%73ecrets", "r\u0435ad:secrets",
            "read:\uFF53ecrets", "read:secrets\u200B", "read:x/../secrets", "read:secrets\t"})
    void aNonCanonicalSpellingIs400NamingTheActionField(String action) throws Exception {
        Reply r = ask(request(action, ""));
        assertThat(r.status()).as(action).isEqualTo(400);
        assertThat(r.error("code")).isEqualTo("INVALID_FIELD");
        assertThat(r.error("field")).isEqualTo("action");
        assertThat(r.error("message")).startsWith("action \"");
    }

    @Test
    void theIssuesExamplesSayWhatToWriteInstead() throws Exception {
        assertThat(ask(request("read:secrets/", "")).error("message")).endsWith("write read:secrets instead");
        assertThat(ask(request("read:./secrets", "")).error("message")).endsWith("write read:secrets instead");
    }

    @Test
    void aDeniedActionInAnotherCaseIsDeniedAndTheLedgerKeepsBothSpellings() throws Exception {
        Reply r = ask(request("READ:Secrets", ""));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("decision").asText()).isEqualTo("deny");
        assertThat(r.json().path("reason_code").asText()).isEqualTo("DENIED_BY_POLICY");
        LedgerEntry entry = ws.auditReader().forTrace(r.json().path("trace_id").asText()).get(0);
        assertThat(entry.entry().action()).isEqualTo("read:secrets");
        assertThat(JSON.readTree(entry.entry().detail()).path("action_sent").asText()).isEqualTo("READ:Secrets");
    }

    @Test
    void aDenyCoversWhatIsBelowIt() throws Exception {
        Reply r = ask(request("read:secrets/api_key", ""));
        assertThat(r.json().path("decision").asText()).isEqualTo("deny");
        assertThat(r.json().path("reason_code").asText()).isEqualTo("DENIED_BY_POLICY");
        assertThat(ask(request("read:orders", "")).json().path("decision").asText()).isEqualTo("allow");
    }

    @Test
    void aSandboxedAgentMustNameItsTargetInOneCanonicalForm() throws Exception {
        Reply none = ask("{\"agent_id\": \"ops-bot\", \"action\": \"read:orders\"}");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().path("decision").asText()).isEqualTo("deny");
        assertThat(none.json().path("reason_code").asText()).isEqualTo("NETWORK_NOT_ALLOWED");

        for (String same : new String[] {"CRM-API.INTERNAL:443", "crm-api.internal:0443", "crm-api.internal.:443"}) {
            Reply r = ask("{\"agent_id\": \"ops-bot\", \"action\": \"read:orders\", \"target\": \"" + same + "\"}");
            assertThat(r.json().path("decision").asText()).as(same).isEqualTo("allow");
        }
        Reply other = ask("{\"agent_id\": \"ops-bot\", \"action\": \"read:orders\", \"target\": \"crm-api.internal:444\"}");
        assertThat(other.json().path("reason_code").asText()).isEqualTo("NETWORK_NOT_ALLOWED");
        Reply url = ask("{\"agent_id\": \"ops-bot\", \"action\": \"read:orders\", "
                + "\"target\": \"https://user@crm-api.internal:443\"}");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.error("field")).isEqualTo("target");
    }

    @Test
    void absurdNumbersAre400NamingTheField() throws Exception {
        assertThat(ask(request("read:orders", ", \"tokens_consumed\": 1000000001")).error("field"))
                .isEqualTo("tokens_consumed");
        assertThat(ask(request("read:orders", ", \"tokens_consumed\": 9223372036854775807")).error("message"))
                .contains("at most 1,000,000,000");
        assertThat(ask(request("read:orders", ", \"tokens_consumed\": 99999999999999999999999")).error("field"))
                .isEqualTo("tokens_consumed");
        assertThat(ask(request("read:orders", ", \"cost_usd\": -0.01")).error("field")).isEqualTo("cost_usd");
        assertThat(ask(request("read:orders", ", \"cost_usd\": 1e400")).error("field")).isEqualTo("cost_usd");
        assertThat(ask(request("read:orders", ", \"context\": {\"amount_usd\": -5000}")).error("field"))
                .isEqualTo("context.amount_usd");
        assertThat(ask(request("read:orders", ", \"confidence\": 1e400")).error("field")).isEqualTo("confidence");
        Reply ok = ask(request("read:orders", ", \"tokens_consumed\": 1000000000"));
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void theAgentIdIsLookedUpInItsCanonicalCase() throws Exception {
        Reply r = ask("{\"agent_id\": \"Ops-Bot\", \"action\": \"read:orders\", \"target\": \"crm-api.internal:443\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("decision").asText()).isEqualTo("allow");
    }
}
