package com.vehiclephotos.upload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The presign benchmark's fallback generator (bench/HttpLoad.java, run as a source file): what it sends and counts. */
class HttpLoadTest {

    @TempDir
    Path dir;

    @Test
    void postsTheBodyWithTheHeadersAndReportsRateLatencyAndFailures() throws Exception {
        var answered = new AtomicInteger();
        var seen = new ConcurrentLinkedQueue<String>();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/uploads", exchange -> {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            // every fifth answer is a refusal, which the generator must count
            int status = answered.incrementAndGet() % 5 == 0 ? 429 : 201;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            var body = Files.writeString(dir.resolve("body.json"), "{\"vehicleId\":\"v\"}");
            var headers = Files.writeString(
                    dir.resolve("headers.txt"), "Content-Type: application/json\nAuthorization: Bearer t0k\n");

            var report = run(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/uploads",
                    body.toString(),
                    headers.toString(),
                    "2",
                    "4");

            var fields = report.trim().split(" ");
            assertThat(fields).hasSize(4);
            int requests = answered.get();
            assertThat(requests).isPositive();
            assertThat(Double.parseDouble(fields[0]))
                    .isCloseTo(requests / 2.0, org.assertj.core.data.Offset.offset(1.0));
            assertThat(Double.parseDouble(fields[1]))
                    .isNotNegative()
                    .isLessThanOrEqualTo(Double.parseDouble(fields[2]));
            assertThat(Long.parseLong(fields[3])).isEqualTo(requests / 5);
            assertThat(seen).allMatch(r -> r.equals("POST Bearer t0k {\"vehicleId\":\"v\"}"));
        } finally {
            server.stop(0);
        }
    }

    private static String run(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("bench/HttpLoad.java");
        command.addAll(java.util.List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
