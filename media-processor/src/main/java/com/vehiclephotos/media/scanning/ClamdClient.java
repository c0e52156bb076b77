package com.vehiclephotos.media.scanning;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * clamd's INSTREAM over TCP, with connect and read timeouts (the maintained Java clients have no
 * read timeout). The protocol: {@code zINSTREAM\0}, then chunks of {@code <u32 length><bytes>},
 * then {@code <u32 0>}; the reply ends in {@code OK}, {@code <name> FOUND} or an error.
 */
final class ClamdClient {

    private static final int CHUNK = 64 * 1024;

    sealed interface Verdict {
        record Clean() implements Verdict {}

        record Infected(String signature) implements Verdict {}
    }

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    ClamdClient(String host, int port, Duration connectTimeout, Duration readTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Clean or infected; an IOException for anything else (unreachable, timeout, clamd's own error). */
    Verdict scan(byte[] bytes) throws IOException {
        try (var socket = connect()) {
            var out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < bytes.length; offset += CHUNK) {
                int length = Math.min(CHUNK, bytes.length - offset);
                out.writeInt(length);
                out.write(bytes, offset, length);
            }
            out.writeInt(0);
            out.flush();
            var reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .replace("\0", "")
                    .trim();
            if (reply.endsWith(" OK")) {
                return new Verdict.Clean();
            }
            if (reply.endsWith(" FOUND")) {
                var name = reply.substring(reply.indexOf(':') + 1, reply.length() - " FOUND".length())
                        .trim();
                return new Verdict.Infected(name);
            }
            throw new IOException("clamd answered: " + reply);
        }
    }

    boolean ping() {
        try (var socket = connect()) {
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).startsWith("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private Socket connect() throws IOException {
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
