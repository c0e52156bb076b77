package com.vehiclephotos.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.vehicles.outbox.V3__Outbox_stores_records;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/** The migrations build the schema from an empty database, and the rules hold in the database itself. */
@WithDevstack
class MigrationTest {

    @Test
    void migratesAnEmptyDatabaseAndTheDatabaseEnforcesTheRules(DevstackEndpoints devstack) throws Exception {
        var database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        var user = devstack.get("postgres.username");
        var password = devstack.get("postgres.password");
        try (var admin = DriverManager.getConnection(devstack.jdbcUrl(), user, password)) {
            admin.createStatement().execute("create database " + database);
        }
        var url = devstack.jdbcUrl().substring(0, devstack.jdbcUrl().lastIndexOf('/') + 1) + database;

        var result = flyway(url, user, password).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        try (var db = DriverManager.getConnection(url, user, password)) {
            var vehicle = UUID.randomUUID();
            db.createStatement()
                    .execute("insert into vehicle (id, owner_id, make, model, vin) values ('" + vehicle
                            + "', 'alice', 'VW', 'Golf', '1M8GDM9AXKP042788')");
            assertThatThrownBy(() -> db.createStatement()
                            .execute("insert into vehicle (id, owner_id, make, model, vin) values ('"
                                    + UUID.randomUUID() + "', 'alice', 'VW', 'Golf', '1M8GDM9A1KP042788')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("vehicle_vin_check");
            assertThatThrownBy(() -> db.createStatement()
                            .execute("insert into vehicle (id, owner_id, make, model) values ('" + UUID.randomUUID()
                                    + "', 'alice', '  ', 'Golf')"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> db.createStatement()
                            .execute("insert into photo (id, vehicle_id, owner_id, status) values ('"
                                    + UUID.randomUUID() + "', '" + vehicle + "', 'alice', 'READY')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("photo_check");
            assertThatThrownBy(() -> db.createStatement()
                            .execute("insert into photo (id, vehicle_id, owner_id, status) values ('"
                                    + UUID.randomUUID() + "', '" + UUID.randomUUID() + "', 'alice', 'PROCESSING')"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("foreign key");
        }
    }

    /**
     * Rows an older version wrote to the outbox (JSON to be serialized at send time) become the
     * records they would have been: nothing that waited for Kafka during the upgrade is lost.
     */
    @Test
    void rowsWaitingInTheOldOutboxBecomeTheRecordsTheyWouldHaveBeen(DevstackEndpoints devstack) throws Exception {
        var database = "migration_" + UUID.randomUUID().toString().replace("-", "");
        var user = devstack.get("postgres.username");
        var password = devstack.get("postgres.password");
        try (var admin = DriverManager.getConnection(devstack.jdbcUrl(), user, password)) {
            admin.createStatement().execute("create database " + database);
        }
        var url = devstack.jdbcUrl().substring(0, devstack.jdbcUrl().lastIndexOf('/') + 1) + database;
        flyway(url, user, password).target("2").load().migrate();
        var vehicle = UUID.randomUUID();
        var photo = UUID.randomUUID();
        try (var db = DriverManager.getConnection(url, user, password)) {
            db.createStatement()
                    .execute("insert into outbox (topic, message_key, event_type, payload) values "
                            + "('vehicle.owners.v1', '" + vehicle + "', 'vehicle-ownership', '{\"vehicleId\":\""
                            + vehicle
                            + "\",\"ownerId\":\"alice\"}'), "
                            + "('vehicle.owners.v1', '" + vehicle + "', 'vehicle-ownership', null), "
                            + "('photo.deleted.v1', '" + vehicle + "', '" + Topics.EVENT_TYPE_PREFIX
                            + "photo.deleted.v1', "
                            + "'{\"photoId\":\"" + photo + "\",\"vehicleId\":\"" + vehicle
                            + "\",\"ownerId\":\"alice\",\"deletedAt\":\"2026-12-01T10:00:00Z\"}')");
        }

        flyway(url, user, password).load().migrate();

        try (var db = DriverManager.getConnection(url, user, password)) {
            var rows = db.createStatement()
                    .executeQuery(
                            "select convert_from(value, 'UTF8') as value, headers::text as headers from outbox order by id");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("value")).contains("\"ownerId\":\"alice\"");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("value"))
                    .as("the tombstone stays a tombstone")
                    .isNull();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("value")).contains(photo.toString());
            assertThat(rows.getString("headers"))
                    .contains("\"ce_type\": \"" + Topics.EVENT_TYPE_PREFIX + "photo.deleted.v1\"")
                    .contains("\"ce_source\": \"/vehicle-photos/vehicle-service\"");
            assertThat(rows.next()).isFalse();
        }
    }

    /** Flyway as Boot runs it: the SQL migrations and the Java ones (which are beans in the service). */
    private static FluentConfiguration flyway(String url, String user, String password) {
        return Flyway.configure().dataSource(url, user, password).javaMigrations(new V3__Outbox_stores_records());
    }
}
