package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void theApplicationDatabaseAcceptsSchemaAndQueries() throws Exception {
        try (var connection = DriverManager.getConnection(
                        RunningDevstack.endpoint("postgres.jdbc-url"),
                        RunningDevstack.endpoint("postgres.username"),
                        RunningDevstack.endpoint("postgres.password"));
                var statement = connection.createStatement()) {
            statement.execute("create table if not exists devstack_probe (id int primary key, name text not null)");
            statement.execute("insert into devstack_probe values (1, 'probe') on conflict do nothing");

            try (var rows = statement.executeQuery(
                    "select current_database(), version(), " + "(select name from devstack_probe where id = 1)")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("vehicles");
                assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
                assertThat(rows.getString(3)).isEqualTo("probe");
            }
        }
    }
}
