package dev.arbiter.core.compliance;

import dev.arbiter.core.agent.Agent;
import java.util.List;
import java.util.Map;

/**
 * Agents against regulations (the guide's "matrix that shows which regulations
 * apply"), rows with the most gaps first so the work needed is at the top.
 */
public record CoverageMatrix(List<Regulation> regulations, List<Row> rows) {

    public CoverageMatrix {
        regulations = List.copyOf(regulations);
        rows = List.copyOf(rows);
    }

    /** One agent's cells, keyed by regulation id, and its total of unmet requirements. */
    public record Row(Agent agent, Map<String, CoverageCell> cells, int gaps) {
        public Row {
            cells = Map.copyOf(cells);
        }

        public CoverageCell cell(String regulationId) {
            return cells.get(regulationId);
        }
    }

    public int totalGaps() {
        return rows.stream().mapToInt(Row::gaps).sum();
    }
}
