package dev.arbiter.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.arbiter.core.decision.ReasonCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml says what the server does: the same routes and reason codes. */
class OpenApiDocumentTest {

    final JsonNode doc = read();

    static JsonNode read() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("docs/openapi.yaml").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void itIsOpenApi3WithTheContractsRoutes() {
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/v1/actions", "/v1/actions/{trace_id}",
                "/v1/actions/{trace_id}/outcome", "/v1/actions/{trace_id}/receipt", "/v1/witness/add-checkpoint", "/v1/status", "/v1/health");
        assertThat(doc.at("/paths/~1v1~1health/get/security").isArray()).as("health needs no token").isTrue();
    }

    @Test
    void itListsEveryReasonCodeTheEngineGives() {
        List<String> documented = new ArrayList<>();
        doc.at("/components/schemas/ReasonCode/enum").forEach(n -> documented.add(n.asText()));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ReasonCode.values()).map(Enum::name).toList());
    }

    @Test
    void theDecisionSchemaHasTheContractsFields() {
        List<String> required = new ArrayList<>();
        doc.at("/components/schemas/Decision/required").forEach(n -> required.add(n.asText()));
        assertThat(required).containsExactly("trace_id", "decision", "tier", "risk_score", "reason_code", "reason",
                "policy", "policy_version", "review_due");
    }
}
