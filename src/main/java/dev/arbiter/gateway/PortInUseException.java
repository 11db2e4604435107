package dev.arbiter.gateway;

/**
 * The gateway's port is taken (another Arbiter desktop or gateway on this machine, or another program).
 * Each face says what to do in its own terms: the CLI names {@code --port}, the desktop its Settings.
 */
public final class PortInUseException extends IllegalStateException {

    private final String bind;
    private final int port;

    public PortInUseException(String bind, int port) {
        super("Cannot listen on " + bind + ":" + port + ": the port is in use (is another Arbiter gateway "
                + "running?); choose another with --port, or 0 for any free port.");
        this.bind = bind;
        this.port = port;
    }

    /** The address the gateway tried to listen on. */
    public String bind() {
        return bind;
    }

    /** The port that is taken, 1-65535. */
    public int port() {
        return port;
    }
}
