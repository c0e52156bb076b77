package com.vehiclephotos.media.processing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Fault injection in front of the real clamd: a TCP relay that stops forwarding a stream once it
 * has carried {@link #MARKER}, so clamd waits for the rest of that one file and the processor's
 * read times out — while every other scan, and PING, go through to clamd as usual.
 */
final class StallingClamd implements AutoCloseable {

    static final String MARKER = "STALL-THE-SCANNER";
    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int clamdPort;

    StallingClamd(int clamdPort) throws IOException {
        this.clamdPort = clamdPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "stalling-clamd");
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                var upstream = new Socket(InetAddress.getLoopbackAddress(), clamdPort);
                daemon(() -> relay(client, upstream), "stalling-clamd-in");
                daemon(() -> copy(upstream, client), "stalling-clamd-out");
            } catch (IOException e) {
                close(client); // clamd is down: so is the relay, for this connection
            }
        }
    }

    /** Client to clamd, until the marker passes: then the rest is read and dropped. */
    private static void relay(Socket client, Socket upstream) {
        try (client;
                upstream;
                InputStream in = client.getInputStream();
                OutputStream out = upstream.getOutputStream()) {
            var buffer = new byte[8192];
            var window = new byte[0];
            boolean stalled = false;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (!stalled) {
                    window = tail(window, buffer, n);
                    stalled = contains(window, MARKER_BYTES);
                    if (!stalled) {
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException e) {
            // either side closed
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        }
    }

    /** The last bytes seen plus the new ones, enough to find a marker that straddles two reads. */
    private static byte[] tail(byte[] previous, byte[] buffer, int n) {
        int keep = Math.min(previous.length, MARKER_BYTES.length);
        var joined = new byte[keep + n];
        System.arraycopy(previous, previous.length - keep, joined, 0, keep);
        System.arraycopy(buffer, 0, joined, keep, n);
        return joined;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable runnable, String name) {
        var thread = new Thread(runnable, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
