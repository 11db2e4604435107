package dev.arbiter.report;

import java.awt.Color;

/** How a run of text looks: size in points, bold or not, colour. */
public record TextStyle(float size, boolean bold, Color color) {

    public static final Color INK = new Color(0x1F, 0x23, 0x28);
    public static final Color MUTED = new Color(0x59, 0x63, 0x6E);
    public static final Color ACCENT = new Color(0x09, 0x69, 0xDA);
    public static final Color GOOD = new Color(0x1A, 0x7F, 0x37);
    public static final Color BAD = new Color(0xCF, 0x22, 0x2E);
    public static final Color WARN = new Color(0x9A, 0x67, 0x00);

    public static final TextStyle BODY = new TextStyle(10, false, INK);
    public static final TextStyle BODY_BOLD = new TextStyle(10, true, INK);
    public static final TextStyle SMALL = new TextStyle(8.5f, false, MUTED);
    public static final TextStyle H1 = new TextStyle(17, true, INK);
    public static final TextStyle H2 = new TextStyle(12.5f, true, INK);
    public static final TextStyle H3 = new TextStyle(10.5f, true, INK);

    public TextStyle withColor(Color c) {
        return new TextStyle(size, bold, c);
    }

    public TextStyle withSize(float s) {
        return new TextStyle(s, bold, color);
    }

    public TextStyle bolder() {
        return new TextStyle(size, true, color);
    }

    /** Distance between baselines for wrapped lines of this size. */
    public float leading() {
        return size * 1.3f;
    }
}
