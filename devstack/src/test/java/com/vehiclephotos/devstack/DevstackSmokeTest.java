package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's first-look command works against a running devstack, from its endpoints file. */
class DevstackSmokeTest {

    @Test
    void putsAnObjectSeesItsNotificationAndProducesToKafka() throws Exception {
        var endpoints = DevstackSmoke.load(Path.of(RunningDevstack.endpoint("data-dir"), "endpoints.properties"));
        var printed = new ByteArrayOutputStream();

        var body = DevstackSmoke.run(endpoints, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(body).contains("ObjectCreated:Put").contains("smoke-owner/smoke-vehicle/");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("PUT  s3://uploads/uploads/smoke-owner")
                .contains("SQS  {\"Records\"")
                .contains("KAFKA photo.uploaded.v1-");
    }
}
