package dev.arbiter.core.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** The heat map's marker placement: inside the cell, off its border, no overlap, nothing hidden. */
class CellPackingProperties {

    private static final double EPS = 1e-9;

    @Property(tries = 2000)
    void everyMarkerIsInsideItsCellOffTheBorderAndNoneOverlap(@ForAll @IntRange(min = 0, max = 40) int count,
            @ForAll @DoubleRange(min = 13, max = 400) double cellSize,
            @ForAll @DoubleRange(min = 0, max = 4) double margin,
            @ForAll @DoubleRange(min = 2, max = 16) double maxRadius,
            @ForAll @DoubleRange(min = 0.5, max = 1) double minShare) {
        double minRadius = maxRadius * minShare;
        CellPacking.Packing packing = CellPacking.pack(count, cellSize, margin, maxRadius, minRadius);
        List<CellPacking.Slot> all = packing.all();
        for (CellPacking.Slot s : all) {
            assertThat(s.radius()).isPositive().isLessThanOrEqualTo(maxRadius + EPS);
            assertThat(s.x() - s.radius()).as("left edge").isGreaterThanOrEqualTo(margin + 1 - EPS);
            assertThat(s.y() - s.radius()).as("top edge").isGreaterThanOrEqualTo(margin + 1 - EPS);
            assertThat(s.x() + s.radius()).as("right edge").isLessThanOrEqualTo(cellSize - margin - 1 + EPS);
            assertThat(s.y() + s.radius()).as("bottom edge").isLessThanOrEqualTo(cellSize - margin - 1 + EPS);
        }
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                double d = Math.hypot(all.get(a).x() - all.get(b).x(), all.get(a).y() - all.get(b).y());
                assertThat(d).as("distance of slots %d and %d", a, b)
                        .isGreaterThanOrEqualTo(all.get(a).radius() + all.get(b).radius() - EPS);
            }
        }
        // nothing hidden: each marker has a slot or is counted, and a count stands for two or more
        assertThat(packing.markers().size() + packing.moreCount()).isEqualTo(count);
        assertThat(packing.more().isPresent()).isEqualTo(packing.moreCount() > 0);
        if (packing.moreCount() > 0) {
            assertThat(packing.moreCount()).isGreaterThanOrEqualTo(2);
        }
    }

    @Property(tries = 500)
    void markersStayReadableOrAreCounted(@ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @DoubleRange(min = 40, max = 400) double cellSize) {
        CellPacking.Packing packing = CellPacking.pack(count, cellSize, 2, 11, 7);
        packing.all().forEach(s -> assertThat(s.radius()).isGreaterThanOrEqualTo(7 - EPS));
    }

    @Example
    void twelveMarkersInASmallCellShowSomeAndCountTheRest() {
        CellPacking.Packing packing = CellPacking.pack(12, 48, 2, 11, 7);
        assertThat(packing.markers()).hasSize(3);
        assertThat(packing.moreCount()).isEqualTo(9);
    }

    @Example
    void oneMarkerSitsInTheMiddle() {
        CellPacking.Slot only = CellPacking.pack(1, 100, 2, 11, 7).markers().get(0);
        assertThat(only.x()).isEqualTo(50.0);
        assertThat(only.y()).isEqualTo(50.0);
        assertThat(only.radius()).isEqualTo(11.0);
    }
}
