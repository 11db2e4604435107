package dev.arbiter.core.assessment;

/** An assessment id (or version) that does not exist in this workspace. */
public final class UnknownAssessmentException extends RuntimeException {

    UnknownAssessmentException(long id) {
        super("There is no risk assessment " + Assessment.reference(id) + " in this workspace.");
    }

    UnknownAssessmentException(long id, int version) {
        super("Risk assessment " + Assessment.reference(id) + " has no version " + version + ".");
    }
}
