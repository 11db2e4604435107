package dev.arbiter.core.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code agent_policy} YAML: the guide's example exactly as written, and
 * files with Arbiter's optional additions. Nothing here touches the store, so
 * validating (the editor as you type, {@code arbiter policy validate} in CI)
 * can never change what is saved.
 */
public final class PolicyYaml {

    /** The largest policy file accepted. */
    public static final int MAX_BYTES = YamlReader.MAX_BYTES;

    private PolicyYaml() {
    }

    /** Checks a file's raw bytes: size, encoding, byte-order mark, then YAML and schema. */
    public static PolicyCheck check(byte[] bytes) {
        return check(YamlReader.read(bytes));
    }

    /**
     * Checks a file; a file too large is refused by its size before it is read,
     * and a file that cannot be read is a problem like any other.
     */
    public static PolicyCheck check(Path file) {
        return check(YamlReader.read(file));
    }

    /** Checks text already in memory (the desktop editor). */
    public static PolicyCheck check(String text) {
        return check(YamlReader.read(text));
    }

    /** The policy in {@code text}, or {@link InvalidPolicyException} listing every problem. */
    public static AgentPolicy parse(String text) {
        return check(text).orThrow();
    }

    private static PolicyCheck check(YamlReader.Result read) {
        if (!read.ok()) {
            return PolicyCheck.invalid(List.of(read.problem()));
        }
        return PolicyValidator.check(read.root());
    }
}
