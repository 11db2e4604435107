package dev.arbiter.core.readiness;

/** The guide's words for scores 1, 3 and 5 of one dimension; 2 and 4 lie between them. */
public record Descriptors(String notReady, String partial, String ready) {

    /** What a score means, as a person choosing it would read it. */
    public String describe(int score) {
        return switch (score) {
            case 1 -> notReady;
            case 2 -> "Between: " + notReady + " / " + partial;
            case 3 -> partial;
            case 4 -> "Between: " + partial + " / " + ready;
            case 5 -> ready;
            default -> throw new IllegalArgumentException("A readiness score is 1 to 5, not " + score);
        };
    }

    /** The guide's own descriptor for 1, 3 or 5; null for 2 and 4, which have none of their own. */
    public String anchor(int score) {
        return switch (score) {
            case 1 -> notReady;
            case 3 -> partial;
            case 5 -> ready;
            default -> null;
        };
    }
}
