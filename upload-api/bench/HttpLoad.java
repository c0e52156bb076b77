import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The presign benchmark's load generator where {@code wrk} is not installed: POSTs one body with
 * fixed headers to one URL from N connections for a duration, and prints what the script's
 * {@code measure} prints for wrk — "requests/s p50 p99 non-2xx" (milliseconds). It shares the CPU
 * with what it measures far more than wrk does, so its figures are lower; the script says so.
 * JDK only, run as a source file: {@code java HttpLoad.java URL BODY_FILE HEADERS_FILE SECONDS CONNECTIONS},
 * the headers file holding one {@code Name: value} per line.
 */
public final class HttpLoad {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java HttpLoad.java URL BODY_FILE HEADERS_FILE SECONDS CONNECTIONS");
            System.exit(2);
        }
        var url = URI.create(args[0]);
        var body = Files.readString(Path.of(args[1]));
        var headers = Files.readAllLines(Path.of(args[2])).stream()
                .filter(l -> l.contains(":"))
                .toList();
        long seconds = Long.parseLong(args[3]);
        int connections = Integer.parseInt(args[4]);
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var builder = HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(body));
        for (var header : headers) {
            int colon = header.indexOf(':');
            builder.header(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }
        var request = builder.build();
        var failures = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        var latencies = new ArrayList<List<Long>>();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < connections; c++) {
            var mine = new ArrayList<Long>();
            latencies.add(mine);
            var thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - start);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (var thread : threads) {
            thread.join();
        }
        var all = new ArrayList<Long>();
        latencies.forEach(all::addAll);
        var sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf(
                "%.0f %.1f %.1f %d%n",
                sorted.length / (double) seconds,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                failures.get());
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
