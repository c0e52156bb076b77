package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.vehicles.outbox.V3__Outbox_stores_records;
import io.r2dbc.spi.ConnectionFactories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import org.flywaydb.core.Flyway;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Not a test: the cross-owner duplicate lookup at marketplace scale. The PostgreSQL of a devstack of
 * its own (the run script starts one under vehicle-service/target/hash-lookup, kept between runs)
 * with vehicle-service's migrations, filled
 * with {@code count} READY photos of random 64-bit hashes on 10,000 vehicles of 10,000 owners — the
 * band indexes dropped during the fill and rebuilt from their own definitions, as a bulk load does —
 * then {@code queries} lookups through PhotoRepository's own query, the way vehicle-service runs it
 * (R2DBC): hashes of stored photos with 1..distance bits flipped (each finds its photo), and random
 * hashes (find nothing; the cost of the candidates alone). Prints p50/p95/p99/max of each, the plan
 * of one, and one full scan for comparison. Run by vehicle-service/bench/run-hash-lookup-benchmark.
 */
public final class HashLookupBenchmark {

    private static final int VEHICLES = 10_000;
    private static final int CHUNK = 500_000;

    private HashLookupBenchmark() {}

    public static void main(String[] args) throws Exception {
        var endpoints = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[0]))) {
            endpoints.load(in);
        }
        long count = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int distance = args.length > 3 ? Integer.parseInt(args[3]) : HashBands.MAX_DISTANCE;
        var url = endpoints.getProperty("postgres.jdbc-url");
        var user = endpoints.getProperty("postgres.username");
        var password = endpoints.getProperty("postgres.password");
        Flyway.configure()
                .dataSource(url, user, password)
                .javaMigrations(new V3__Outbox_stores_records())
                .load()
                .migrate();
        try (var jdbc = DriverManager.getConnection(url, user, password)) {
            fill(jdbc, count);
            var db = DatabaseClient.create(ConnectionFactories.get(endpoints
                            .getProperty("postgres.r2dbc-url")
                            // pooled, as vehicle-service's connections are: each keeps its prepared statements
                            .replace("r2dbc:postgresql://", "r2dbc:pool:postgresql://" + user + ":" + password + "@")
                    + "?maxSize=4"));
            var repository = new PhotoRepository(db);
            var stored = sample(jdbc, queries);
            var random = new SplittableRandom(42);
            var near = new ArrayList<Long>();
            for (long hash : stored) {
                near.add(flip(hash, 1 + random.nextInt(distance), random));
            }
            var misses = new ArrayList<Long>();
            for (int i = 0; i < queries; i++) {
                misses.add(random.nextLong());
            }
            // warm-up: the JIT, the pool, the indexes' pages
            time(repository, misses.subList(0, Math.min(1000, queries)), distance, false);
            System.out.printf(
                    Locale.ROOT,
                    "%n%,d READY photos with a hash, distance ≤ %d, %d lookups each:%n",
                    count,
                    distance,
                    queries);
            report("near a stored photo (finds it)", time(repository, near, distance, true));
            report("random hash (finds nothing)", time(repository, misses, distance, false));
            explain(jdbc, near.get(0), distance);
            fullScan(jdbc, near.get(0), distance);
        }
    }

    /** Adds READY photos with random hashes until there are {@code count}. */
    private static void fill(Connection jdbc, long count) throws SQLException {
        long have = single(jdbc, "select count(*) from photo where perceptual_hash is not null");
        if (have >= count) {
            System.out.printf(Locale.ROOT, "%,d photos already stored%n", have);
            return;
        }
        long started = System.nanoTime();
        try (var s = jdbc.createStatement()) {
            s.execute(
                    "create table if not exists bench_vehicle (n int primary key, id uuid not null, owner_id text not null)");
            s.execute(
                    "insert into vehicle (id, owner_id, make, model) select gen_random_uuid(), 'owner-' || n, 'Make', 'Model' "
                            + "from generate_series(0, " + (VEHICLES - 1)
                            + ") n where not exists (select 1 from bench_vehicle)");
            s.execute("insert into bench_vehicle select row_number() over (order by id) - 1, id, owner_id from vehicle "
                    + "where not exists (select 1 from bench_vehicle)");
            var definitions = new ArrayList<String>();
            try (var rows = s.executeQuery(
                    "select indexdef from pg_indexes where tablename = 'photo' and indexname like 'photo_hash_band_%'")) {
                while (rows.next()) {
                    definitions.add(rows.getString(1));
                }
            }
            s.execute("drop index if exists photo_hash_band_high, photo_hash_band_middle, photo_hash_band_low");
            // the fill only: no live-update notification per row, no foreign-key check per row
            s.execute("set session_replication_role = replica");
            for (long from = have; from < count; from += CHUNK) {
                long to = Math.min(count, from + CHUNK) - 1;
                s.execute(
                        "insert into photo (id, vehicle_id, owner_id, status, original, variants, sha256, perceptual_hash) "
                                + "select gen_random_uuid(), v.id, v.owner_id, 'READY', '{}', '[]', md5(g::text) || md5((-g)::text), "
                                + "(floor(random() * 4294967296)::bigint << 32) | floor(random() * 4294967296)::bigint "
                                + "from generate_series(" + from + ", " + to + ") g join bench_vehicle v on v.n = g % "
                                + VEHICLES);
                System.out.printf(Locale.ROOT, "  %,d photos stored%n", to + 1);
            }
            s.execute("set session_replication_role = origin");
            s.execute("set maintenance_work_mem = '1GB'");
            for (var definition : definitions) {
                s.execute(definition);
            }
            s.execute("vacuum analyze photo");
        }
        System.out.printf(
                Locale.ROOT, "filled to %,d photos in %d s%n", count, (System.nanoTime() - started) / 1_000_000_000);
    }

    private static long[] sample(Connection jdbc, int n) throws SQLException {
        var hashes = new long[n];
        try (var s = jdbc.createStatement();
                var rows = s.executeQuery("select perceptual_hash from photo tablesample system (1) "
                        + "where perceptual_hash is not null limit " + n)) {
            int i = 0;
            while (rows.next()) {
                hashes[i++] = rows.getLong(1);
            }
            return Arrays.copyOf(hashes, i);
        }
    }

    private static long flip(long hash, int bits, SplittableRandom random) {
        long flipped = hash;
        while (Long.bitCount(flipped ^ hash) < bits) {
            flipped ^= 1L << random.nextInt(64);
        }
        return flipped;
    }

    private static long[] time(PhotoRepository repository, List<Long> hashes, int distance, boolean mustFind) {
        var nanos = new long[hashes.size()];
        var stranger = new OwnerId("someone-else");
        for (int i = 0; i < hashes.size(); i++) {
            long start = System.nanoTime();
            var found = repository
                    .nearOtherOwners(hashes.get(i), "0".repeat(64), stranger, distance, 10)
                    .collectList()
                    .block();
            nanos[i] = System.nanoTime() - start;
            if (mustFind && found.isEmpty()) {
                throw new IllegalStateException(
                        "the lookup missed a stored photo near " + Long.toHexString(hashes.get(i)));
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(String what, long[] sorted) {
        System.out.printf(
                Locale.ROOT,
                "  %-32s p50 %6.2f ms  p95 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n",
                what,
                at(sorted, 0.50),
                at(sorted, 0.95),
                at(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    /** The plan of one lookup, with its parameters written in. */
    private static void explain(Connection jdbc, long hash, int distance) throws SQLException {
        var sql = PhotoRepository.NEAR_OTHER_OWNERS
                .replace(":high", array(HashBands.probes(hash, 0, distance)))
                .replace(":middle", array(HashBands.probes(hash, 1, distance)))
                .replace(":low", array(HashBands.probes(hash, 2, distance)))
                .replace(":hash", "(" + hash + ")::bigint")
                .replace(":distance", Integer.toString(distance))
                .replace(":owner", "'someone-else'")
                .replace(":sha", "'" + "0".repeat(64) + "'")
                .replace(":limit", "10");
        System.out.println("\nplan of one lookup near a stored photo:");
        try (var s = jdbc.createStatement();
                var rows = s.executeQuery("explain (analyze, buffers, costs off) " + sql)) {
            while (rows.next()) {
                var line = rows.getString(1);
                System.out.println("  " + (line.length() > 160 ? line.substring(0, 160) + "…" : line));
            }
        }
    }

    /** The same question without the bands: every stored hash compared. */
    private static void fullScan(Connection jdbc, long hash, int distance) throws SQLException {
        long start = System.nanoTime();
        long found = single(
                jdbc,
                "select count(*) from photo where status = 'READY' and bit_count((perceptual_hash # (" + hash
                        + ")::bigint)::bit(64)) <= " + distance);
        System.out.printf(
                Locale.ROOT,
                "%nwithout the bands (every hash compared): %d found in %d ms%n",
                found,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static String array(Long[] values) {
        var joined = new StringBuilder("array[");
        for (int i = 0; i < values.length; i++) {
            joined.append(i == 0 ? "" : ",").append(values[i]);
        }
        return joined.append("]::bigint[]").toString();
    }

    private static long single(Connection jdbc, String sql) throws SQLException {
        try (var s = jdbc.createStatement();
                var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
