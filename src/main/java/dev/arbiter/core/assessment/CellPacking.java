package dev.arbiter.core.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the markers of the risks that share one heat-map cell go: the one
 * placement rule of the desktop's heat map and the PDF's, so both show the
 * same thing. Markers sit on a centred square grid, each disc wholly inside
 * the cell (never on its border, never overlapping another); when the cell is
 * too small for all of them at a readable size, the last slot becomes a
 * "+N" count of the markers it stands for, so none is silently hidden.
 *
 * <p>Coordinates are in the caller's unit (pixels on the desktop, points in
 * the PDF), relative to the cell's top-left corner.
 */
public final class CellPacking {

    /** The space kept between two discs, and between a disc and the cell's inner margin. */
    private static final double GAP = 1;

    private CellPacking() {
    }

    /** One disc: centre and radius, relative to the cell's top-left corner. */
    public record Slot(double x, double y, double radius) {
    }

    /**
     * The placement of {@code count} markers in one cell.
     *
     * @param markers   one slot for each of the first {@code markers.size()} markers, in the given order
     * @param more      the slot for the count marker, present when {@code moreCount > 0}
     * @param moreCount how many markers the count marker stands for (0, or at least 2)
     */
    public record Packing(List<Slot> markers, Optional<Slot> more, int moreCount) {

        public Packing {
            markers = List.copyOf(markers);
        }

        /** Every slot drawn, the count marker last. */
        public List<Slot> all() {
            List<Slot> all = new ArrayList<>(markers);
            more.ifPresent(all::add);
            return all;
        }
    }

    /**
     * Packs {@code count} markers into a square cell.
     *
     * @param count     markers sharing the cell, 0 or more
     * @param cellSize  the cell's side; must exceed {@code 2 * margin + 4}
     * @param margin    space kept free along the cell's border (so a ring is never drawn on it), 0 or more
     * @param maxRadius the radius of a marker when there is room, &gt; 0
     * @param minRadius the smallest readable radius, 0 &lt; minRadius &lt;= maxRadius; below it markers are counted
     * @throws IllegalArgumentException for a negative count or sizes outside those ranges
     */
    public static Packing pack(int count, double cellSize, double margin, double maxRadius, double minRadius) {
        if (count < 0 || margin < 0 || cellSize <= 2 * margin + 4 || minRadius <= 0 || maxRadius < minRadius) {
            throw new IllegalArgumentException("cannot pack " + count + " markers in a cell of " + cellSize
                    + " with margin " + margin + " and radius " + minRadius + "-" + maxRadius);
        }
        if (count == 0) {
            return new Packing(List.of(), Optional.empty(), 0);
        }
        double inner = cellSize - 2 * margin;
        int side = Math.max(1, (int) Math.floor(inner / (2 * minRadius + 2 * GAP)));
        int columns;
        int rows;
        int shown;
        if ((long) side * side >= count) {
            columns = (int) Math.ceil(Math.sqrt(count));
            rows = (count + columns - 1) / columns;
            shown = count;
        } else {
            columns = side;
            rows = side;
            shown = side * side - 1;   // the last slot counts the rest
        }
        double pitch = inner / Math.max(columns, rows);
        double radius = Math.min(maxRadius, pitch / 2 - GAP);
        double startX = margin + (inner - columns * pitch) / 2 + pitch / 2;
        double startY = margin + (inner - rows * pitch) / 2 + pitch / 2;
        List<Slot> slots = new ArrayList<>();
        int drawn = shown == count ? count : shown + 1;
        for (int k = 0; k < drawn; k++) {
            slots.add(new Slot(startX + (k % columns) * pitch, startY + (k / columns) * pitch, radius));
        }
        if (shown == count) {
            return new Packing(slots, Optional.empty(), 0);
        }
        Slot more = slots.remove(slots.size() - 1);
        return new Packing(slots, Optional.of(more), count - shown);
    }
}
