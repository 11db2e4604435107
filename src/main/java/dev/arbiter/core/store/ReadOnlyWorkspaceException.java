package dev.arbiter.core.store;

/**
 * Thrown on any write to a workspace that was opened read-only because a newer
 * version of Arbiter created its schema: writing with an older schema could
 * corrupt data the newer version relies on.
 */
public class ReadOnlyWorkspaceException extends StoreException {
    public ReadOnlyWorkspaceException(String message) {
        super(message);
    }
}
