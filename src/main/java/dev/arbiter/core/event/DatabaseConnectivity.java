package dev.arbiter.core.event;

/**
 * The shared database (team mode) went offline or came back. While offline,
 * gateways answer 503 and saves fail with a message; faces show it.
 *
 * @param online true when the database answers again
 * @param detail what the driver said, for the status line (never a password)
 */
public record DatabaseConnectivity(boolean online, String detail) implements ArbiterEvent {
}
