package com.vehiclephotos.devstack.junit;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** devstack's control port: stops and starts Kafka or clamd alone while everything else runs. */
public final class DevstackControl {

    private final DevstackEndpoints devstack;
    private final HttpClient http = HttpClient.newHttpClient();

    public DevstackControl(DevstackEndpoints devstack) {
        this.devstack = devstack;
    }

    /** {@code /kafka/stop}, {@code /kafka/start}, {@code /clamd/stop}...; returns once devstack has done it. */
    public void post(String path) {
        try {
            var response = http.send(
                    HttpRequest.newBuilder(devstack.controlUrl().resolve(path))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
