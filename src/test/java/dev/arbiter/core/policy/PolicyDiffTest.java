package dev.arbiter.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.core.policy.PolicyDiff.Kind;
import org.junit.jupiter.api.Test;

class PolicyDiffTest {

    @Test
    void identicalTextsHaveNoChanges() {
        PolicyDiff diff = PolicyDiff.between("a\nb\n", "a\nb\n");
        assertThat(diff.isIdentical()).isTrue();
        assertThat(diff.rows()).hasSize(2);
    }

    @Test
    void removalsAndAdditionsKeepTheirLineNumbers() {
        PolicyDiff diff = PolicyDiff.between("a\nb\nc\nd\n", "a\nc\nd\ne\n");
        assertThat(diff.rows()).extracting(r -> r.kind() + ":" + r.leftLine() + ":" + r.rightLine())
                .containsExactly("SAME:1:1", "REMOVED:2:0", "SAME:3:2", "SAME:4:3", "ADDED:0:4");
        assertThat(diff.changes()).isEqualTo(2);
    }

    @Test
    void neighbouringRemovalsAndAdditionsPairAsChanges() {
        PolicyDiff diff = PolicyDiff.between("x\nold1\nold2\ny", "x\nnew1\ny");
        assertThat(diff.rows()).extracting(PolicyDiff.Row::kind)
                .containsExactly(Kind.SAME, Kind.CHANGED, Kind.REMOVED, Kind.SAME);
        assertThat(diff.rows().get(1).right()).isEqualTo("new1");
    }
}
