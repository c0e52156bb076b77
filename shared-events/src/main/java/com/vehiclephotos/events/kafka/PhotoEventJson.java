package com.vehiclephotos.events.kafka;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.events.VehicleId;
import java.util.Locale;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON form of the events: typed ids as plain strings, instants as ISO-8601, unknown fields
 * ignored (forward compatibility), missing required fields refused. An unknown rejection reason
 * from a newer producer reads as {@link RejectionReason#OTHER}.
 */
public final class PhotoEventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("photo-events")
                    .addSerializer(PhotoId.class, new AsString<>(PhotoId::toString))
                    .addDeserializer(PhotoId.class, new FromString<>(PhotoId.class, PhotoId::of))
                    .addSerializer(VehicleId.class, new AsString<>(VehicleId::toString))
                    .addDeserializer(VehicleId.class, new FromString<>(VehicleId.class, VehicleId::of))
                    .addSerializer(OwnerId.class, new AsString<>(OwnerId::value))
                    .addDeserializer(OwnerId.class, new FromString<>(OwnerId.class, OwnerId::new))
                    .addDeserializer(
                            RejectionReason.class, new FromString<>(RejectionReason.class, PhotoEventJson::reason)))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private PhotoEventJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(PhotoEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T extends PhotoEvent> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    private static RejectionReason reason(String value) {
        try {
            return RejectionReason.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return RejectionReason.OTHER;
        }
    }

    private static final class AsString<T> extends ValueSerializer<T> {
        private final Function<T, String> toText;

        AsString(Function<T, String> toText) {
            this.toText = toText;
        }

        @Override
        public void serialize(T value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(toText.apply(value));
        }
    }

    private static final class FromString<T> extends ValueDeserializer<T> {
        private final Class<T> type;
        private final Function<String, T> fromText;

        FromString(Class<T> type, Function<String, T> fromText) {
            this.type = type;
            this.fromText = fromText;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) {
            var text = parser.getValueAsString();
            if (text == null) {
                return context.reportInputMismatch(type, "%s must be a string", type.getSimpleName());
            }
            try {
                return fromText.apply(text);
            } catch (IllegalArgumentException e) {
                return context.reportInputMismatch(
                        type, "Invalid %s '%s': %s", type.getSimpleName(), text, e.getMessage());
            }
        }
    }
}
