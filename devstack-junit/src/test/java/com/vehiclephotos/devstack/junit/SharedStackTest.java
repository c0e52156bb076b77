package com.vehiclephotos.devstack.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

@WithDevstack
class SharedStackTest {

    @Test
    void everyTestClassOfTheJvmSharesTheOneStack(DevstackEndpoints devstack) {
        assertThat(System.getProperty("devstack.kafka.bootstrap-servers")).isEqualTo(devstack.kafkaBootstrapServers());
        assertThat(devstack.mode()).isEqualTo(System.getProperty("devstack.mode", "local"));
    }

    @Test
    void unknownEndpointNamesFailWithTheKnownOnes(DevstackEndpoints devstack) {
        assertThatThrownBy(() -> devstack.get("no.such.endpoint"))
                .hasMessageContaining("no.such.endpoint")
                .hasMessageContaining("kafka.bootstrap-servers");
    }
}
