package com.vehiclephotos.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A small loopback HTTP interface to stop and start single servers while the rest keeps running,
 * for the chaos and fail-closed suites: {@code POST /kafka/stop|kill|start}, {@code POST /clamd/stop|start},
 * {@code GET /endpoints}.
 */
final class ControlServer implements AutoCloseable {

    private final HttpServer server;

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    static ControlServer start(String host, int port, Devstack devstack) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext(
                "/kafka/",
                exchange -> act(
                        exchange,
                        Map.of(
                                "stop", () -> devstack.kafka().stop(),
                                "kill", () -> devstack.kafka().kill(),
                                "start", () -> devstack.kafka().start())));
        server.createContext(
                "/clamd/",
                exchange -> act(
                        exchange,
                        Map.of(
                                "stop",
                                        () -> devstack.clamd()
                                                .orElseThrow(ControlServer::noClamd)
                                                .stop(),
                                "start",
                                        () -> devstack.clamd()
                                                .orElseThrow(ControlServer::noClamd)
                                                .start())));
        server.createContext("/endpoints", exchange -> {
            var body = new StringBuilder();
            devstack.endpoints()
                    .forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
            reply(exchange, 200, body.toString());
        });
        server.start();
        return new ControlServer(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    interface Action {
        void run() throws Exception;
    }

    private static void act(HttpExchange exchange, Map<String, Action> actions) throws IOException {
        var path = exchange.getRequestURI().getPath();
        var action = actions.get(path.substring(path.lastIndexOf('/') + 1));
        if (!"POST".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, "use POST\n");
        } else if (action == null) {
            reply(exchange, 404, "unknown action; known: " + actions.keySet() + "\n");
        } else {
            try {
                action.run();
                reply(exchange, 200, "ok\n");
            } catch (Exception e) {
                reply(exchange, 500, e + "\n");
            }
        }
    }

    private static IllegalStateException noClamd() {
        return new IllegalStateException("clamd is not installed");
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
