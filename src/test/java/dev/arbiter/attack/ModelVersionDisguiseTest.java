package dev.arbiter.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.agent.ModelVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A careless operator (or a script) enters a moving model alias in a disguise the "no latest / moving channel"
 * rule (the guide's Pillar 5: pin model versions) does not read: a look-alike letter, an invisible character,
 * full-width letters, a build-tool range ({@code [1.0,2.0)}, {@code 1.+}) or a channel name the list lacks.
 */
class ModelVersionDisguiseTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "gpt-4o-l\u0430test", // Cyrillic a
        "gpt-4o-late\u200bst", // zero-width space
        "gpt-4o-\uff4c\uff41\uff54\uff45\uff53\uff54", // full-width "latest"
        "llama3:l\u0430test",
        "claude-3-opus-\u0441urrent", // Cyrillic c
        "gemini-[1.0,2.0)", "[1.5,)", "mistral-large-1.+", "gpt-4+",
        "claude-3-canary", "llama3:head", "gpt-4-rolling", "mistral-7b-main"
    })
    void aDisguisedMovingAliasIsRefused(String model) {
        assertThat(ModelVersion.problemWith(model)).as(model).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5-20250929", "gpt-4o-2024-08-06", "llama3:8b-instruct-q4_0",
        "gemini-1.5-pro-002", "mistral-large-2407", "anthropic/claude-3-haiku@20240307", "v1.0.0+build.5"})
    void pinnedVersionsStayAccepted(String model) {
        assertThat(ModelVersion.problemWith(model)).as(model).isEmpty();
    }
}
