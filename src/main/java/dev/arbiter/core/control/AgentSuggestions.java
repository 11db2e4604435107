package dev.arbiter.core.control;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Which registered agent ids an operator probably meant by an unknown one:
 * the same id in another case, else those within two edits (a typo, a
 * dropped or doubled letter), closest first, at most three.
 */
final class AgentSuggestions {

    private static final int MAX_EDITS = 2;
    private static final int MAX_SUGGESTIONS = 3;

    private AgentSuggestions() {
    }

    static List<String> closest(String given, List<String> registered) {
        String lower = given.toLowerCase(Locale.ROOT);
        List<String> sameButCase = registered.stream().filter(id -> id.toLowerCase(Locale.ROOT).equals(lower)).toList();
        if (!sameButCase.isEmpty()) {
            return sameButCase;
        }
        LevenshteinDistance distance = new LevenshteinDistance(MAX_EDITS);
        record Near(String id, int edits) {
        }
        return registered.stream()
                .map(id -> new Near(id, distance.apply(lower, id.toLowerCase(Locale.ROOT))))
                .filter(n -> n.edits() >= 0)
                .sorted(Comparator.comparingInt(Near::edits).thenComparing(Near::id))
                .limit(MAX_SUGGESTIONS)
                .map(Near::id)
                .toList();
    }
}
