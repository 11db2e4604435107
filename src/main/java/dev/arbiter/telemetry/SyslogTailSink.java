package dev.arbiter.telemetry;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * Sends lines as RFC 5424 syslog messages ({@code <109>1 TIMESTAMP HOST arbiter - TYPE - MSG}: facility
 * 13 "log audit", severity 5 "notice"), over UDP (one datagram each; RFC 5426) or TCP (octet-counting
 * framing, RFC 6587 §3.4.1). Where it stopped is kept in a bookmark file, written after each batch is
 * sent; so a run killed between sending and writing the bookmark repeats at most that one batch after
 * a restart (each message carries its seq for the SIEM to drop the repeat), and never skips an entry.
 */
final class SyslogTailSink implements TailSink {

    /** The largest UDP payload; a longer message cannot be sent as one datagram (RFC 5426 §3.2). */
    static final int MAX_DATAGRAM = 65_507;

    private final InetSocketAddress target;
    private final boolean tcp;
    private final Path bookmark;
    private final String msgId;
    private final String host;
    private DatagramSocket udp;
    private Socket socket;
    private OutputStream out;

    SyslogTailSink(InetSocketAddress target, boolean tcp, Path bookmark, String msgId) throws IOException {
        this.target = target;
        this.tcp = tcp;
        this.bookmark = bookmark;
        this.msgId = msgId;
        String name;
        try {
            name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "-";
        }
        // RFC 5424 HOSTNAME: printable US-ASCII, at most 255 characters, "-" when unknown
        String printable = name.replaceAll("[^!-~]", "");
        this.host = printable.isEmpty() ? "-" : printable.substring(0, Math.min(255, printable.length()));
        if (tcp) {
            socket = new Socket();
            socket.connect(target, 10_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        } else {
            udp = new DatagramSocket();
        }
    }

    @Override
    public long lastSeq() throws IOException {
        if (!Files.exists(bookmark)) {
            return 0;
        }
        String text = Files.readString(bookmark, StandardCharsets.UTF_8).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException("The bookmark " + bookmark + " does not hold a seq (" + text + "); fix or remove it");
        }
    }

    @Override
    public void send(long seq, String line) throws IOException {
        String message = "<109>1 " + Instant.now() + " " + host + " arbiter - " + msgId + " - " + line;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (tcp) {
            out.write((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
        } else {
            if (bytes.length > MAX_DATAGRAM) {
                throw new IOException("entry #" + seq + " is " + bytes.length + " bytes as syslog, more than one UDP "
                        + "datagram holds; use --tcp");
            }
            udp.send(new DatagramPacket(bytes, bytes.length, target));
        }
    }

    @Override
    public void commit(long seq) throws IOException {
        if (tcp) {
            out.flush();
        }
        Path tmp = bookmark.resolveSibling(bookmark.getFileName() + ".tmp");
        Files.writeString(tmp, Long.toString(seq), StandardCharsets.UTF_8);
        Files.move(tmp, bookmark, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            out.flush();
            socket.close();
        }
        if (udp != null) {
            udp.close();
        }
    }
}
