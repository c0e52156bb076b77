package com.vehiclephotos.vehicles.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.events.PhotoEvents;
import com.vehiclephotos.fixtures.tokens.TestTokens;
import com.vehiclephotos.vehicles.SellerCalls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.SignalType;
import reactor.test.StepVerifier;

/** The browser's live view: PROCESSING, then READY, pushed as server-sent events. */
@WithDevstack
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
@ActiveProfiles("devstack")
class PhotoStreamTest {

    private static PhotoEvents events;

    @Autowired
    WebTestClient web;

    @BeforeAll
    static void connect(DevstackEndpoints devstack) {
        events = new PhotoEvents(devstack.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        events.close();
    }

    @Test
    void streamsTheListNowAndAfterEachChange() {
        var owner = "streamer-" + UUID.randomUUID();
        var vehicle = SellerCalls.createVehicle(web, owner, "Fiat", "500");
        var photo = UUID.randomUUID();
        var stream = SellerCalls.photoStream(web, TestTokens.forOwner(owner), vehicle);

        StepVerifier.create(stream)
                .assertNext(first -> assertThat(first.data()).isEmpty())
                .then(() -> events.send(PhotoEvents.uploaded(owner, vehicle, photo)))
                .assertNext(next -> assertThat(next.data())
                        .singleElement()
                        .satisfies(p -> assertThat(p.get("status")).isEqualTo("PROCESSING")))
                .then(() -> events.send(PhotoEvents.ready(owner, vehicle, photo)))
                .assertNext(next -> assertThat(next.data())
                        .singleElement()
                        .satisfies(p -> assertThat(p.get("status")).isEqualTo("READY")))
                .thenCancel()
                .verify(Duration.ofSeconds(60));
    }

    /**
     * Changes that come while the list is still being read (a busy database, a burst of uploads) are
     * folded into one more list; they used to end the stream with an overflow error, and the page
     * showed the photos as they were, PROCESSING, for good.
     */
    @Test
    void changesThatComeFasterThanTheListIsReadKeepTheStreamOpen(DevstackEndpoints devstack) throws Exception {
        var owner = "burst-" + UUID.randomUUID();
        var vehicle = SellerCalls.createVehicle(web, owner, "Fiat", "500");
        var photo = UUID.randomUUID();
        var stream = SellerCalls.photoStream(web, TestTokens.forOwner(owner), vehicle);

        var lists = new CopyOnWriteArrayList<List<Map<String, Object>>>();
        var ended = new AtomicReference<SignalType>();
        var subscription = stream.doFinally(ended::set).subscribe(event -> lists.add(event.data()));
        try (var locker = database(devstack);
                var notifier = database(devstack)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lists.size() == 1);

            locker.setAutoCommit(false);
            try (var lock = locker.createStatement()) {
                lock.execute("lock table photo in access exclusive mode");
            }
            notify(notifier, vehicle);
            await("the stream's next read of the list waits for the lock")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> readsWaitingForALock(notifier) == 1);
            notify(notifier, vehicle);
            notify(notifier, vehicle);
            await("the read keeps waiting while the changes come, over several sample periods")
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> readsWaitingForALock(notifier) == 1);
            locker.rollback();

            events.send(PhotoEvents.uploaded(owner, vehicle, photo));
            await("the stream goes on with the next change")
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            ended.get() != null || lists.get(lists.size() - 1).size() == 1);
            assertThat(ended).as("the stream is still open").hasNullValue();
            assertThat(lists.get(lists.size() - 1))
                    .singleElement()
                    .satisfies(p -> assertThat(p.get("status")).isEqualTo("PROCESSING"));
            assertThat(lists).as("the burst was folded into few lists").hasSizeLessThanOrEqualTo(4);
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void someoneElsesStreamIs404() {
        web.get()
                .uri("/api/v1/vehicles/{id}/photos/stream", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(TestTokens.forOwner("x")))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private static Connection database(DevstackEndpoints devstack) throws SQLException {
        return DriverManager.getConnection(
                devstack.jdbcUrl(), devstack.get("postgres.username"), devstack.get("postgres.password"));
    }

    /** What the database's trigger sends when a photo of the vehicle changes. */
    private static void notify(Connection connection, UUID vehicle) throws SQLException {
        try (var statement = connection.prepareStatement("select pg_notify('photo_changes', ?)")) {
            statement.setString(1, vehicle.toString());
            statement.execute();
        }
    }

    private static int readsWaitingForALock(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(
                        "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and wait_event_type = 'Lock' and query ilike '%from photo%'")) {
            result.next();
            return result.getInt(1);
        }
    }
}
