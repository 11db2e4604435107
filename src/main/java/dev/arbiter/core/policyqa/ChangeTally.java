package dev.arbiter.core.policyqa;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The changed decisions a replay or shadow report finds, in bounded memory: every change is counted by kind,
 * the first {@value #EXAMPLES_PER_KIND} of each kind are kept as examples (in ledger order), and every one, kept
 * or not, goes to an optional sink (a file the caller streams to). So a replay of millions of decisions that
 * would all change holds a few thousand in memory, and nothing is lost for the one who asked for the full list.
 * Not thread-safe: one per replay.
 */
final class ChangeTally {

    /** Changes of one kind kept as examples; the rule where the issue is silent: enough to read, bounded. */
    static final int EXAMPLES_PER_KIND = 1_000;

    private final long[] counts = new long[ChangeKind.values().length];
    private final List<ChangedDecision> examples = new ArrayList<>();
    private final Consumer<ChangedDecision> sink;

    /** @param sink receives every change in ledger order (null: none) */
    ChangeTally(Consumer<ChangedDecision> sink) {
        this.sink = sink;
    }

    void add(ChangedDecision change) {
        if (counts[change.kind().ordinal()]++ < EXAMPLES_PER_KIND) {
            examples.add(change);
        }
        if (sink != null) {
            sink.accept(change);
        }
    }

    /** The kept examples, in ledger order. */
    List<ChangedDecision> examples() {
        return examples;
    }

    /** The number of changes of each kind (every kind present, zeros included). */
    Map<ChangeKind, Long> counts() {
        Map<ChangeKind, Long> out = new EnumMap<>(ChangeKind.class);
        for (ChangeKind k : ChangeKind.values()) {
            out.put(k, counts[k.ordinal()]);
        }
        return out;
    }
}
