package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/asyncapi.json — an AsyncAPI 3.0 document of the Kafka topics, for code generators and
 * catalogues — is written by this test from {@link Topics} and the JSON Schemas themselves, so it
 * cannot drift from the contract. After a contract change: ./mvnw -pl shared-events -am test
 * -Dtest=AsyncApiDocTest -Dsurefire.failIfNoSpecifiedTests=false -Devents.docs.write=true
 */
class AsyncApiDocTest {

    private static final Path DOC = Path.of("..", "docs", "asyncapi.json");
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void docsAsyncApiJsonIsWhatTheContractSays() throws IOException {
        var generated = JSON.writeValueAsString(generate()) + "\n";
        if (Boolean.getBoolean("events.docs.write")) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }

        assertThat(DOC)
                .as("docs/asyncapi.json is stale; regenerate it as this test's comment says")
                .exists();
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).isEqualTo(generated);
    }

    @Test
    void everyTopicIsAChannelWhoseMessageCarriesItsSchema() {
        var doc = generate();
        var topics = new ArrayList<String>();
        EventMother.all().forEach(e -> topics.add(Topics.topicOf(e)));
        topics.add(Topics.VEHICLE_OWNERS);

        assertThat(doc.path("asyncapi").asString()).isEqualTo("3.0.0");
        for (var topic : topics) {
            var channel = doc.path("channels").path(channelName(topic));
            assertThat(channel.path("address").asString()).isEqualTo(topic);
            var message = doc.path("components").path("messages").path(channelName(topic));
            assertThat(message.path("payload").path("schema")).isEqualTo(schema(topic));
            assertThat(doc.path("operations")
                            .path("receive-" + channelName(topic))
                            .path("action")
                            .asString())
                    .isEqualTo("receive");
        }
    }

    static ObjectNode generate() {
        var doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.putObject("info")
                .put("title", "Vehicle photo pipeline events")
                .put("version", "1")
                .put(
                        "description",
                        "CloudEvents 1.0 in Kafka's binary content mode: attributes are ce_* headers, the value is"
                                + " the JSON data. Delivery is at least once; see docs/events.md.");
        doc.put("defaultContentType", "application/json");
        doc.putObject("servers")
                .putObject("kafka")
                .put("host", "localhost:9092")
                .put("protocol", "kafka")
                .put("description", "devstack and docker compose; production brokers per deployment");
        var channels = doc.putObject("channels");
        var operations = doc.putObject("operations");
        var messages = doc.putObject("components").putObject("messages");
        for (PhotoEvent event : EventMother.all()) {
            var topic = Topics.topicOf(event);
            var name = channelName(topic);
            var key = Topics.keyOf(event).equals(event.photoId().toString()) ? "photoId" : "vehicleId";
            add(channels, operations, topic);
            var message = messages.putObject(name);
            message.put("name", event.getClass().getSimpleName());
            message.put("contentType", "application/json");
            message.set("headers", cloudEventHeaders(Topics.eventTypeOf(event)));
            message.putObject("payload")
                    .put("schemaFormat", "application/schema+json;version=draft-2020-12")
                    .set("schema", schema(topic));
            message.putObject("bindings")
                    .putObject("kafka")
                    .put("bindingVersion", "0.5.0")
                    .putObject("key")
                    .put("type", "string")
                    .put("description", "the " + key);
        }
        add(channels, operations, Topics.VEHICLE_OWNERS);
        var owners = messages.putObject(channelName(Topics.VEHICLE_OWNERS));
        owners.put("name", "VehicleOwnership");
        owners.put("contentType", "application/json");
        owners.put(
                "description",
                "Compacted state, not an event stream: the owner of every vehicle; a null value (tombstone) when it"
                        + " is deleted. No CloudEvents headers.");
        owners.putObject("payload")
                .put("schemaFormat", "application/schema+json;version=draft-2020-12")
                .set("schema", schema(Topics.VEHICLE_OWNERS));
        owners.putObject("bindings")
                .putObject("kafka")
                .put("bindingVersion", "0.5.0")
                .putObject("key")
                .put("type", "string")
                .put("description", "the vehicleId");
        return doc;
    }

    private static void add(ObjectNode channels, ObjectNode operations, String topic) {
        var name = channelName(topic);
        var channel = channels.putObject(name);
        channel.put("address", topic);
        channel.putObject("messages").putObject(name).put("$ref", "#/components/messages/" + name);
        var operation = operations.putObject("receive-" + name);
        operation.put("action", "receive");
        operation.putObject("channel").put("$ref", "#/channels/" + name);
        operation.putArray("messages").addObject().put("$ref", "#/channels/" + name + "/messages/" + name);
    }

    private static JsonNode cloudEventHeaders(String type) {
        var headers = JSON.createObjectNode();
        headers.put("type", "object");
        var properties = headers.putObject("properties");
        properties.putObject("ce_specversion").put("const", "1.0");
        properties.putObject("ce_id").put("type", "string").put("description", "stable for one logical event");
        properties.putObject("ce_source").put("type", "string");
        properties.putObject("ce_type").put("const", type);
        properties.putObject("ce_time").put("type", "string").put("format", "date-time");
        properties.putObject("ce_subject").put("type", "string").put("description", "the photoId");
        headers.putArray("required")
                .addAll(List.of(
                        JSON.getNodeFactory().textNode("ce_specversion"),
                        JSON.getNodeFactory().textNode("ce_id"),
                        JSON.getNodeFactory().textNode("ce_source"),
                        JSON.getNodeFactory().textNode("ce_type")));
        return headers;
    }

    private static String channelName(String topic) {
        return topic.replace('.', '-');
    }

    /**
     * The topic's JSON Schema as it is embedded in the document: its internal references
     * ({@code #/$defs/...}) rewritten to point at the same definitions inside the document.
     */
    private static JsonNode schema(String topic) {
        try (var in = AsyncApiDocTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return JSON.readTree(text.replace(
                    "\"#/$defs/", "\"#/components/messages/" + channelName(topic) + "/payload/schema/$defs/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
