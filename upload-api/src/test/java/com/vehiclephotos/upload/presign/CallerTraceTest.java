package com.vehiclephotos.upload.presign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** The caller's traceparent is signed into the upload: only a valid one, rendered from its parts. */
class CallerTraceTest {

    @Test
    void aSampledTraceparentIsReadWithItsFlag() {
        assertThat(CallerTrace.of(headers("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")))
                .contains(new CallerTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", true));
        assertThat(CallerTrace.of(headers("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")))
                .contains(new CallerTrace("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00", false));
    }

    @Test
    void noHeaderIsNoTrace() {
        assertThat(CallerTrace.of(new HttpHeaders())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\r\nx-amz-meta-evil: 1",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"
            })
    void aMalformedTraceparentIsNoTrace(String header) {
        assertThat(CallerTrace.of(headers(header))).isEmpty();
    }

    private static HttpHeaders headers(String traceparent) {
        var headers = new HttpHeaders();
        headers.set("traceparent", traceparent);
        return headers;
    }
}
