package com.vehiclephotos.vehicles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
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

        var result = Flyway.configure().dataSource(url, user, password).load().migrate();

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
}
