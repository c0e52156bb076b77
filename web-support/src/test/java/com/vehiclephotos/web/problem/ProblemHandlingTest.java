package com.vehiclephotos.web.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.json.JsonMapper;

/** Problem details speak our words: what Jackson said stays out of them. */
class ProblemHandlingTest {

    record Body(UUID vehicleId, long contentLength) {}

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aFieldOfTheWrongTypeIsNamedWithWhatWasExpected() {
        var detail = ProblemHandling.describe(unreadable("{\"vehicleId\": \"not-a-uuid\", \"contentLength\": 3}"));

        assertThat(detail).isEqualTo("Field 'vehicleId' is invalid: expected a UUID.");
    }

    @Test
    void brokenJsonSaysWhereAndNotWhatTheParserSaid() {
        var cause = (Exception) catchThrowable(() -> json.readValue("{\"vehicleId\": ", Body.class));
        var detail = ProblemHandling.describe(new ServerWebInputException("Failed to read HTTP message", null, cause));

        assertThat(detail)
                .startsWith("The body is not valid JSON (line 1, column")
                .doesNotContain(cause.getMessage());
    }

    private ServerWebInputException unreadable(String body) {
        var cause = catchThrowable(() -> json.readValue(body, Body.class));
        assertThat(cause).isNotNull();
        return new ServerWebInputException("Failed to read HTTP message", null, cause);
    }
}
