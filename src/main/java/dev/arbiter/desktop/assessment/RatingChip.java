package dev.arbiter.desktop.assessment;

import dev.arbiter.core.assessment.Rating;
import dev.arbiter.core.assessment.RiskBand;
import javafx.scene.control.Label;

/** A small coloured label: "12 High", or "not scored". */
final class RatingChip extends Label {

    RatingChip() {
        getStyleClass().add("band-chip");
        setRating(null);
    }

    void setRating(Rating rating) {
        getStyleClass().removeIf(s -> s.startsWith("band-") && !s.equals("band-chip") || s.equals("unscored"));
        if (rating == null) {
            setText("not scored");
            getStyleClass().add("unscored");
        } else {
            setText(rating.score() + " " + rating.band().label());
            getStyleClass().add(HeatMap.bandStyle(rating.band()));
        }
    }

    void setBand(RiskBand band, String text) {
        getStyleClass().removeIf(s -> s.startsWith("band-") && !s.equals("band-chip") || s.equals("unscored"));
        setText(text);
        getStyleClass().add(band == null ? "unscored" : HeatMap.bandStyle(band));
    }
}
