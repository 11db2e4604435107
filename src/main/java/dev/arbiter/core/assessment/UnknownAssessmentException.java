package dev.arbiter.core.assessment;

/** An assessment id (or version) that does not exist in this workspace. */
public final class UnknownAssessmentException extends RuntimeException {

    UnknownAssessmentException(long id) {
        super("There is no risk assessment " + Assessment.reference(id) + " in this workspace.");
    }

    UnknownAssessmentException(long id, int version) {
        super("Risk assessment " + Assessment.reference(id) + " has no version " + version + ".");
    }

    private UnknownAssessmentException(String message) {
        super(message);
    }

    /** A version that exists but was discarded: it is shown nowhere until restored. */
    static UnknownAssessmentException discarded(long id, int version) {
        String ref = Assessment.reference(id);
        return new UnknownAssessmentException("Risk assessment " + ref + " v" + version
                + " is a discarded draft; restore it first (arbiter assessment restore " + ref + ").");
    }
}
