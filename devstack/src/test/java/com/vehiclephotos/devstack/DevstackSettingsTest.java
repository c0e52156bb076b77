package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevstackSettingsTest {

    @Test
    void usesTheDocumentedFixedPortsByDefault() {
        var settings = DevstackSettings.fromArgs(new String[0], Map.of());

        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.s3Port()).isEqualTo(9000);
        assertThat(settings.sqsPort()).isEqualTo(9324);
        assertThat(settings.postgresPort()).isEqualTo(5432);
        assertThat(settings.clamdPort()).isEqualTo(3310);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.topics())
                .contains("photo.uploaded.v1", "photo.ready.v1", "photo.rejected.v1", "photo.deleted.v1");
    }

    @Test
    void commandLineWinsOverEnvironment() {
        var settings = DevstackSettings.fromArgs(
                new String[] {"--s3-port=9500"}, Map.of("DEVSTACK_S3_PORT", "9400", "DEVSTACK_SQS_PORT", "9401"));

        assertThat(settings.s3Port()).isEqualTo(9500);
        assertThat(settings.sqsPort()).isEqualTo(9401);
    }

    @Test
    void ephemeralPortsAreAllZero() {
        var settings = DevstackSettings.defaultsWith(Map.of("ports", "ephemeral"));

        assertThat(settings.kafkaPort()).isZero();
        assertThat(settings.kafkaControllerPort()).isZero();
        assertThat(settings.s3Port()).isZero();
        assertThat(settings.postgresPort()).isZero();
    }

    @Test
    void rejectsUnknownSettingsNamingTheKnownOnes() {
        assertThatThrownBy(() -> DevstackSettings.fromArgs(new String[] {"--s3port=1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown devstack setting 's3port'")
                .hasMessageContaining("s3-port");
    }

    @Test
    void rejectsArgumentsThatAreNotNameValuePairs() {
        assertThatThrownBy(() -> DevstackSettings.fromArgs(new String[] {"start"}, Map.of()))
                .hasMessageContaining("--name=value");
    }

    @Test
    void rejectsPortsOutOfRangeAndNonNumbers() {
        assertThatThrownBy(() -> DevstackSettings.fromArgs(new String[] {"--kafka-port=70000"}, Map.of()))
                .hasMessageContaining("kafka-port must be a port number");
        assertThatThrownBy(() -> DevstackSettings.fromArgs(new String[] {"--kafka-port=abc"}, Map.of()))
                .hasMessageContaining("kafka-port must be a whole number");
    }

    @Test
    void takenPortFailsWithAMessageNamingTheOption() throws Exception {
        try (var taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
                var ports = new Ports("127.0.0.1")) {
            assertThatThrownBy(() -> ports.claim(taken.getLocalPort(), "s3"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already taken")
                    .hasMessageContaining("--s3-port=");
        }
    }

    @Test
    void anyFreePortClaimsHeldTogetherAreAllDifferent() {
        try (var ports = new Ports("127.0.0.1")) {
            var claimed = new java.util.HashSet<Integer>();
            for (int i = 0; i < 50; i++) {
                claimed.add(ports.claim(0, "s3"));
            }
            org.assertj.core.api.Assertions.assertThat(claimed).hasSize(50);
        }
    }
}
