package dev.arbiter.report;

/** A report could not be written; the message names the file and why, in words a person can act on. */
public class ReportException extends RuntimeException {
    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
