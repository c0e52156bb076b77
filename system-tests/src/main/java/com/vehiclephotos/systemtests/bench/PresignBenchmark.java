package com.vehiclephotos.systemtests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Presign throughput and latency on loopback against ./run-local's upload-api:
 * {@code ./mvnw -q -pl system-tests -am exec:java -Dexec.mainClass=com.vehiclephotos.systemtests.bench.PresignBenchmark
 * -Dexec.args="--requests=4000 --concurrency=32"}. Many owners, so the per-owner rate limit is not what is measured.
 */
public final class PresignBenchmark {

    private PresignBenchmark() {}

    public static void main(String[] args) throws Exception {
        var options = Options.parse(args);
        var api = options.get("api", "http://127.0.0.1:8080");
        int requests = Integer.parseInt(options.get("requests", "4000"));
        int concurrency = Integer.parseInt(options.get("concurrency", "32"));
        int owners = Math.max(1, requests / 20); // 20 each stays under the default 30-per-minute limit
        var endpoints = Endpoints.load(options.get("endpoints", "devstack-data/endpoints.properties"));
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4))
                .build();

        var vehicles = new LinkedHashMap<String, UUID>();
        for (int i = 0; i < owners; i++) {
            vehicles.put("bench-" + UUID.randomUUID(), UUID.randomUUID());
        }
        endpoints.announceVehicles(vehicles);
        var tokens = new ConcurrentHashMap<String, String>();
        for (var owner : vehicles.keySet()) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(api + "/api/v1/dev/tokens"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"" + owner + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var body = response.body();
            tokens.put(
                    owner,
                    body.substring(
                            body.indexOf("\"access_token\":\"") + 16,
                            body.indexOf('"', body.indexOf("\"access_token\":\"") + 16)));
        }
        Thread.sleep(2000); // let the ownership view read the announcements
        var ownerList = List.copyOf(vehicles.keySet());

        var latencies = new long[requests];
        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        var next = new AtomicInteger();
        var done = new CountDownLatch(concurrency);
        var pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            pool.execute(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < requests; ) {
                        var owner = ownerList.get(i % ownerList.size());
                        var body = "{\"vehicleId\":\"" + vehicles.get(owner) + "\",\"filename\":\"car " + i
                                + ".jpg\",\"contentType\":\"image/jpeg\",\"contentLength\":2483117}";
                        long t0 = System.nanoTime();
                        var response = http.send(
                                HttpRequest.newBuilder(URI.create(api + "/api/v1/uploads"))
                                        .timeout(Duration.ofSeconds(30))
                                        .header("Authorization", "Bearer " + tokens.get(owner))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                        latencies[i] = System.nanoTime() - t0;
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        System.out.printf(
                "presign: %d requests, %d concurrent, %d owners: %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                requests,
                concurrency,
                owners,
                requests / seconds,
                Endpoints.percentile(latencies, 50),
                Endpoints.percentile(latencies, 99),
                latencies[latencies.length - 1] / 1e6,
                statuses);
        System.exit(0);
    }
}
