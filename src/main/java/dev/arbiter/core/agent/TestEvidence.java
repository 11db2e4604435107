package dev.arbiter.core.agent;

/**
 * The evidence that a new model was tested before an agent is moved to it (the guide's FAQ: "test it in
 * staging with your full agent test suite before rolling it out").
 */
public sealed interface TestEvidence {

    /** The stored kind: JUNIT or REFERENCE. */
    String kind();

    /** The stored text: the report's path, or the reference. */
    String reference();

    /** One line for people. */
    String describe();

    /**
     * A JUnit XML report of a test run (e.g. {@code arbiter policy test --junit FILE}), read when the
     * request is made: its counts are recorded with it.
     */
    record JUnitReport(String path, int tests, int failures, int errors, int skipped) implements TestEvidence {
        public String kind() {
            return "JUNIT";
        }

        public String reference() {
            return path;
        }

        public String describe() {
            return "JUnit report " + path + ": " + tests + " tests, " + failures + " failures, " + errors
                    + " errors, " + skipped + " skipped";
        }

        /** The counts as stored beside the path. */
        String note() {
            return tests + "," + failures + "," + errors + "," + skipped;
        }
    }

    /** Any other reference to a test run: a CI job link, a ticket, a test plan. */
    record Reference(String text) implements TestEvidence {
        public String kind() {
            return "REFERENCE";
        }

        public String reference() {
            return text;
        }

        public String describe() {
            return text;
        }
    }
}
