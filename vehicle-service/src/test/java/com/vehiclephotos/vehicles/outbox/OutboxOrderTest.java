package com.vehiclephotos.vehicles.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackControl;
import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.fixtures.events.TopicReader;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.vehicles.SellerCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The ownership topic is compacted: the last record of a vehicle is what every upload-api believes
 * forever. So a vehicle's deletion must never overtake its creation, however many relays run.
 */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles("devstack")
class OutboxOrderTest {

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    TransactionalOperator transaction;

    @Autowired
    KafkaTemplate<String, byte[]> outboxKafkaTemplate;

    @Autowired
    MeterRegistry meters;

    @Test
    void whileAnotherInstanceRelaysThisOneSendsNothing(DevstackEndpoints devstack) throws Exception {
        try (var otherInstance = DriverManager.getConnection(
                        devstack.jdbcUrl(), devstack.get("postgres.username"), devstack.get("postgres.password"));
                var reader = new TopicReader(devstack.kafkaBootstrapServers(), List.of(Topics.VEHICLE_OWNERS))) {
            otherInstance.setAutoCommit(false);
            try (var lock = otherInstance.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");
            }

            var vehicle = create("leader-" + UUID.randomUUID());

            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> waiting(vehicle) == 1);
            otherInstance.rollback(); // the other relay's round ends

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> waiting(vehicle) == 0
                            && !reader.withKey(Topics.VEHICLE_OWNERS, vehicle).isEmpty());
        }
    }

    @Test
    void vehiclesCreatedAndDeletedWhileKafkaIsDownEndAsTombstonesWithTwoRelays(DevstackEndpoints devstack)
            throws Exception {
        var control = new DevstackControl(devstack);
        var secondInstance = new OutboxRelay(db, transaction, outboxKafkaTemplate, meters);
        var scheduler = Executors.newSingleThreadScheduledExecutor();
        var run = UUID.randomUUID().toString().substring(0, 8);
        var vehicles = new ArrayList<String>();
        var owners = new HashMap<String, String>();
        control.post("/kafka/stop");
        try {
            scheduler.scheduleWithFixedDelay(secondInstance::relay, 0, 50, TimeUnit.MILLISECONDS);
            // each vehicle is deleted 250 changes after it was created, so its two rows fall into different batches
            for (int i = 0; i < 750; i++) {
                if (i < 500) {
                    var owner = "fleet-" + run + "-" + (i % 50);
                    var id = create(owner);
                    vehicles.add(id);
                    owners.put(id, owner);
                }
                if (i >= 250) {
                    var id = vehicles.get(i - 250);
                    web.delete()
                            .uri("/api/v1/vehicles/{id}", id)
                            .headers(h -> h.setBearerAuth(TestTokens.forOwner(owners.get(id))))
                            .exchange()
                            .expectStatus()
                            .isNoContent();
                }
            }
            assertThat(waiting(vehicles))
                    .as("Kafka is down: everything waits in the outbox")
                    .isEqualTo(1000);
        } finally {
            control.post("/kafka/start");
        }
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> waiting(vehicles) == 0);
        } finally {
            scheduler.shutdownNow();
        }

        try (var reader = new TopicReader(devstack.kafkaBootstrapServers(), List.of(Topics.VEHICLE_OWNERS))) {
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> vehicles.stream()
                            .allMatch(id ->
                                    reader.withKey(Topics.VEHICLE_OWNERS, id).size() >= 2));
            var live = vehicles.stream()
                    .filter(id -> {
                        var records = reader.withKey(Topics.VEHICLE_OWNERS, id);
                        return records.get(records.size() - 1).value() != null;
                    })
                    .toList();
            assertThat(live)
                    .as("deleted vehicles whose last ownership record is not a tombstone")
                    .isEmpty();
        }
    }

    private long waiting(String vehicle) {
        return waiting(List.of(vehicle));
    }

    private long waiting(List<String> keys) {
        return db.sql("select count(*) from outbox where topic = :topic and message_key = any(:keys)")
                .bind("topic", Topics.VEHICLE_OWNERS)
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(10));
    }

    private String create(String owner) {
        return SellerCalls.createVehicle(web, owner, "Ford", "Transit").toString();
    }
}
