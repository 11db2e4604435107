package dev.arbiter.mcp;

/** Where one direction of an MCP session goes: a line on a pipe, an HTTP request, an event on a stream. */
interface Wire {

    /**
     * Sends one whole JSON-RPC message; false when it cannot be delivered
     * (the other side is gone). Never blocks for long: a stuck peer is the
     * transport's to bound.
     */
    boolean send(byte[] message);
}
