package com.vehiclephotos.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port choice with a clear error when a fixed port is already taken. */
public final class Ports {

    private Ports() {
    }

    /** The given port if it is free, any free port when 0; otherwise a message that says what to do. */
    public static int claim(String host, int port, String what) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(what + " cannot use " + host + ":" + port
                    + " because it is already taken (is another devstack or a local service running?). "
                    + "Stop that process, or choose another port with --" + optionName(what) + "=<port> "
                    + "(0 = any free port).", e);
        }
    }

    private static String optionName(String what) {
        return what.toLowerCase().replace(' ', '-') + "-port";
    }
}
