package com.vehiclephotos.vehicles.outbox;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.kafka.PhotoEventJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * The outbox stores Kafka records (value and headers) instead of JSON to be parsed and serialized
 * again by the relay. Rows an older version wrote and did not send yet become the records they
 * would have been, so nothing waiting is lost. A Java migration because the CloudEvents headers
 * are made by the contract's serializer; Boot's Flyway runs it as a bean.
 */
@Component
@SuppressWarnings("checkstyle:TypeName") // Flyway reads the version from the class name
public class V3__Outbox_stores_records extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute(
                    "alter table outbox add column value bytea, add column headers jsonb not null default '{}'::jsonb");
        }
        try (var rows = connection.prepareStatement(
                        "select id, message_key, event_type, payload from outbox order by id");
                var update = connection.prepareStatement(
                        "update outbox set value = ?, headers = cast(? as jsonb) where id = ?")) {
            var result = rows.executeQuery();
            while (result.next()) {
                var record = recordOf(
                        result.getString("message_key"), result.getString("event_type"), result.getString("payload"));
                update.setBytes(1, record.value());
                update.setString(2, PhotoEventJson.mapper().writeValueAsString(record.headers()));
                update.setLong(3, result.getLong("id"));
                update.executeUpdate();
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("alter table outbox drop column payload");
        }
    }

    private static OutboxRecord recordOf(String key, String type, String payload) {
        if (OutboxRecord.OWNERSHIP.equals(type)) {
            var value = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
            return new OutboxRecord(Topics.VEHICLE_OWNERS, key, type, value, Map.of());
        }
        var eventType = Topics.classOfEventType(type);
        if (eventType == null) {
            throw new IllegalStateException("An outbox row has an unknown event type " + type);
        }
        PhotoEvent event = PhotoEventJson.read(payload.getBytes(StandardCharsets.UTF_8), eventType);
        return OutboxRecord.of(event);
    }
}
