package com.vehiclephotos.devstack.junit;

import java.net.URI;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Where the running stack listens, as devstack wrote it to its endpoints file. */
public final class DevstackEndpoints {

    private final Map<String, String> values;
    private final String mode;

    DevstackEndpoints(Map<String, String> values, String mode) {
        this.values = Map.copyOf(values);
        this.mode = mode;
    }

    public String get(String name) {
        var value = values.get(name);
        if (value == null) {
            throw new NoSuchElementException("devstack has no endpoint '" + name + "'; it has " + values.keySet());
        }
        return value;
    }

    public Map<String, String> all() {
        return values;
    }

    /** "local" (devstack processes) or "docker" (Testcontainers). */
    public String mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return get("kafka.bootstrap-servers");
    }

    public URI s3Endpoint() {
        return URI.create(get("s3.endpoint"));
    }

    public URI sqsEndpoint() {
        return URI.create(get("sqs.endpoint"));
    }

    public String region() {
        return get("s3.region");
    }

    public String accessKey() {
        return get("s3.access-key");
    }

    public String secretKey() {
        return get("s3.secret-key");
    }

    public String uploadsQueueUrl() {
        return get("sqs.queue.uploads.url");
    }

    public String jdbcUrl() {
        return get("postgres.jdbc-url");
    }

    public boolean clamdAvailable() {
        return Boolean.parseBoolean(values.getOrDefault("clamd.available", "false"));
    }

    public int clamdPort() {
        return Integer.parseInt(get("clamd.port"));
    }

    /**
     * Call first in scanner tests: skips them with a clear message where clamd is not installed,
     * and fails them instead when {@code -Ddevstack.clamav.required=true} (as CI sets).
     */
    public void requireClamd() {
        if (clamdAvailable()) {
            return;
        }
        if (Boolean.getBoolean("devstack.clamav.required")) {
            Assertions.fail("clamd is required (-Ddevstack.clamav.required=true) but not available; "
                    + "install it with: apt-get install clamav-daemon");
        }
        Assumptions.abort("clamd is not installed (apt-get install clamav-daemon): scanner test skipped");
    }

    /** devstack's control interface, to stop and start single servers (local mode only). */
    public URI controlUrl() {
        return URI.create(get("control.url"));
    }
}
