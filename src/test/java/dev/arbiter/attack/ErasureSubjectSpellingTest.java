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
 * An agent names the data subject in a spelling the erasure does not look for: the key written with a JSON escape
 * ({@code "\u0073ubject_id"}), the id as a number with a fraction or an exponent ({@code 42.0}, {@code 4.2e1}).
 * Such an entry must still be found by {@code arbiter audit erase --subject} and erased, or the person's data
 * stays in the ledger for good.
 */
class ErasureSubjectSpellingTest {

    @TempDir
    Path dir;

    private static DecisionRequest about(String contextJson) {
        return new DecisionRequest("nobody-registered", null, "read:customer", "look up", null, null, List.of(),
                null, null, null, Set.of(), null, null, contextJson);
    }

    @Test
    void everySpellingOfTheSubjectIsFoundAndErased() throws Exception {
        try (Workspace ws = Workspace.open(new DataDirectory(dir))) {
            ws.decisions().decide(about("{\"\\u0073ubject_id\":\"cust-99\",\"email\":\"alice.9911@example.com\"}"))
                    .get(30, TimeUnit.SECONDS);
            ws.decisions().decide(about("{\"subject_id\":42.0,\"email\":\"bob.4242@example.com\"}"))
                    .get(30, TimeUnit.SECONDS);
            ws.decisions().decide(about("{\"subject_id\":4.2e1,\"email\":\"carol.4243@example.com\"}"))
                    .get(30, TimeUnit.SECONDS);
            ws.decisions().decide(about("{\"subject_id\":\"42\",\"email\":\"dan.4244@example.com\"}"))
                    .get(30, TimeUnit.SECONDS);

            assertThat(ws.erasure().entriesOf("cust-99")).as("escaped key").isEqualTo(1);
            assertThat(ws.erasure().entriesOf("42")).as("42, 42.0, 4.2e1 and \"42\" are one subject").isEqualTo(3);
            ws.erasure().erase("cust-99", "DSR-1", "dpo");
            ws.erasure().erase("42", "DSR-2", "dpo");
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String email : List.of("alice.9911", "bob.4242", "carol.4243", "dan.4244")) {
                    assertThat(bytes).as(f + " still holds " + email).doesNotContain(email);
                }
            }
        }
    }
}
