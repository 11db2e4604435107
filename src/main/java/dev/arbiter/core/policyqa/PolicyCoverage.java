package dev.arbiter.core.policyqa;

import java.util.List;

/** Which parts of a policy a suite exercised: allowed and denied entries, overrides, network entries, thresholds, limits. */
public record PolicyCoverage(List<CoverageItem> items) {

    public PolicyCoverage {
        items = List.copyOf(items);
    }

    public List<CoverageItem> uncovered() {
        return items.stream().filter(i -> !i.covered()).toList();
    }

    public long coveredCount() {
        return items.stream().filter(CoverageItem::covered).count();
    }
}
