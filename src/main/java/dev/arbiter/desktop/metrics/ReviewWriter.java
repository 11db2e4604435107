package dev.arbiter.desktop.metrics;

import dev.arbiter.core.metrics.GovernanceReview;
import java.nio.file.Path;

/**
 * Writes a monthly governance review to a file (the desktop gives the PDF report; a test may give
 * another). Called off the UI thread; throws what the report throws, naming the file.
 */
@FunctionalInterface
public interface ReviewWriter {

    void write(GovernanceReview review, Path out);
}
