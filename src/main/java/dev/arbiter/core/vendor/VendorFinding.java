package dev.arbiter.core.vendor;

/**
 * One due-diligence gap of a vendor, with the rating it forces at least and a sentence saying what
 * is wrong and what to do.
 */
public record VendorFinding(Kind kind, String text) {

    /** The gaps the rule looks for, each with the rating it forces at least. */
    public enum Kind {
        NO_DPA(RiskRating.HIGH),
        TRAINS_ON_CUSTOMER_DATA(RiskRating.HIGH),
        TRAINING_UNKNOWN(RiskRating.MEDIUM),
        REVIEW_OVERDUE(RiskRating.MEDIUM),
        NO_REVIEW_DATE(RiskRating.MEDIUM),
        NO_CERTIFICATION(RiskRating.MEDIUM),
        NO_RESIDENCY(RiskRating.LOW);

        private final RiskRating floor;

        Kind(RiskRating floor) {
            this.floor = floor;
        }

        /** The lowest rating a vendor with this gap can have. */
        public RiskRating floor() {
            return floor;
        }
    }
}
