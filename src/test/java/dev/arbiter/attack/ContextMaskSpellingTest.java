package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.Workspace;
import dev.arbiter.core.decision.DecisionRequest;
import dev.arbiter.core.store.DataDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A careless (or hostile) agent spells a secret's field name so that masking at write time misses it: a JSON
 * escape ({@code \u0070assword}), a full-width or Cyrillic look-alike, a separator or word around the name
 * ({@code db_password}, {@code x-api-key}, {@code apiKey}). None of these values may reach the database file.
 */
class ContextMaskSpellingTest {

    @TempDir
    Path dir;

    @Test
    void noSpellingOfASecretsNameGetsItsValueOntoDisk() throws Exception {
        List<String> names = List.of("\\u0070assword", "\\u0050ASSWORD", "pa\\u0073\\u0073wd",
                "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44", // full-width "password"
                "p\u0430ssword", // Cyrillic a
                "db_password", "userPassword", "x-api-key", "api-key", "API Key", "Authorization ",
                "clientSecret", "refresh-token");
        List<String> secrets = new java.util.ArrayList<>();
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            for (int i = 0; i < names.size(); i++) {
                String secret = "s3cr3t-value-" + (7100 + i);
                secrets.add(secret);
                ws.decisions().decide(new DecisionRequest("nobody-registered", null, "read:customer", "look up",
                        null, null, List.of(), null, null, null, Set.of(), null, null,
                        "{\"nested\":[{\"" + names.get(i) + "\":\"" + secret + "\"}],\"note\":\"kept\"}"))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (int i = 0; i < secrets.size(); i++) {
                    assertThat(bytes).as(f + " holds the value of " + names.get(i)).doesNotContain(secrets.get(i));
                }
            }
        }
    }

    @Test
    void ordinaryNamesThatMerelyResembleASecretsNameAreKept() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.decisions().decide(new DecisionRequest("nobody-registered", null, "read:customer", "look up",
                    null, null, List.of(), null, null, null, Set.of(), null, null,
                    "{\"max_tokens\":4096,\"secretary\":\"Ann\",\"passwordless\":true}")).get(30, TimeUnit.SECONDS);
            assertThat(ws.auditReader().newest(new dev.arbiter.core.audit.AuditQuery(null, null, null, "decision",
                    null), 1).get(0).entry().detail()).contains("4096").contains("Ann").contains("\"passwordless\":true");
        }
    }
}
