package com.vehiclephotos.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.vehiclephotos.events.EventMother;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PublishedImage;
import com.vehiclephotos.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The JSON Schemas are what other languages code against: they must say what the records say. */
class JsonSchemaTest {

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static Iterable<PhotoEvent> events() {
        return EventMother.all();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventsJsonValidatesAgainstItsSchema(PhotoEvent event) {
        var errors = schemaOf(event).validate(new String(PhotoEventJson.write(event)), InputFormat.JSON);

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("events")
    void theSchemaRequiresExactlyWhatTheRecordRequires(PhotoEvent event) {
        var schema = schemaNode(event);

        assertThat(names(schema.get("required"))).isEqualTo(requiredComponents(event.getClass()));
        assertThat(names(schema.get("properties"))).isEqualTo(allComponents(event.getClass()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void withoutAnyRequiredFieldTheJsonIsInvalidForTheSchemaAndForTheReader(PhotoEvent event) {
        for (var field : requiredComponents(event.getClass())) {
            var node = PhotoEventJsonTest.tree(event);
            node.remove(field);

            assertThat(schemaOf(event).validate(node.toString(), InputFormat.JSON))
                    .as(field)
                    .isNotEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhotoEventJsonTest.read(node, event.getClass()))
                    .as(field)
                    .isInstanceOf(RuntimeException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void unknownExtraFieldsAreAllowedSoFieldsCanBeAdded(PhotoEvent event) {
        var node = PhotoEventJsonTest.tree(event);
        node.put("someFutureField", 1);

        assertThat(schemaOf(event).validate(node.toString(), InputFormat.JSON)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void thePublishedImageDefinitionMatchesItsRecord() {
        var image = schemaNode(EventMother.ready()).get("$defs").get("publishedImage");

        assertThat(names(image.get("required"))).isEqualTo(requiredComponents(PublishedImage.class));
        assertThat(names(image.get("properties"))).isEqualTo(allComponents(PublishedImage.class));
    }

    static String schemaResource(PhotoEvent event) {
        return "/schemas/" + Topics.topicOf(event) + ".schema.json";
    }

    private static Schema schemaOf(PhotoEvent event) {
        try (var in = JsonSchemaTest.class.getResourceAsStream(schemaResource(event))) {
            return REGISTRY.getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode schemaNode(PhotoEvent event) {
        try (var in = JsonSchemaTest.class.getResourceAsStream(schemaResource(event))) {
            return PhotoEventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(JsonNode node) {
        var names = new HashSet<String>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asString()));
        } else {
            names.addAll(node.propertyNames());
        }
        return names;
    }

    private static Set<String> allComponents(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
    }

    private static Set<String> requiredComponents(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> !c.getAnnotatedType().isAnnotationPresent(Nullable.class))
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
    }
}
