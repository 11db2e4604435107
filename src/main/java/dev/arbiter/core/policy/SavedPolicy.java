package dev.arbiter.core.policy;

/**
 * The outcome of saving policy text: the version that now holds it, whether a
 * new version was created (saving unchanged text creates none), and whether it
 * is the active one.
 */
public record SavedPolicy(PolicyVersion version, boolean created, boolean active) {
}
