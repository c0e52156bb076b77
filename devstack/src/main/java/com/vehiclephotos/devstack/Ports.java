package com.vehiclephotos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Port choice with a clear error when a fixed port is already taken. Every claimed port stays bound
 * until {@link #close()}, so several "any free port" claims can never be handed the same number (a
 * port that is closed at once may be the next one the system gives out).
 */
public final class Ports implements AutoCloseable {

    private final String host;
    private final List<ServerSocket> held = new ArrayList<>();

    public Ports(String host) {
        this.host = host;
    }

    /** The given port if it is free, any free port when 0; otherwise a message that says what to do. Held until {@link #close()}. */
    public int claim(int port, String what) {
        try {
            var socket = new ServerSocket();
            held.add(socket);
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(
                    what + " cannot use " + host + ":" + port
                            + " because it is already taken (is another devstack or a local service running?). "
                            + "Stop that process, or choose another port with --" + optionName(what) + "=<port> "
                            + "(0 = any free port).",
                    e);
        }
    }

    /** Lets the ports go, for the servers to bind them. */
    @Override
    public void close() {
        for (var socket : held) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        held.clear();
    }

    private static String optionName(String what) {
        return what.toLowerCase().replace(' ', '-') + "-port";
    }
}
