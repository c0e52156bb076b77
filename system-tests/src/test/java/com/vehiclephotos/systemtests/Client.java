package com.vehiclephotos.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a frontend does, over HTTP only: tokens, vehicles, presigns, PUTs to S3, photo lists. */
final class Client {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningServices services;
    /** No call may hang a suite: each one fails after this instead. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** HTTP/1.1 as browsers speak to these services; the JDK's default would try an h2c upgrade on every new connection. */
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Client(RunningServices services) {
        this.services = services;
    }

    HttpClient http() {
        return http;
    }

    String token(String owner) {
        return post("upload-api", "/api/v1/dev/tokens", null, Map.of("sub", owner))
                .get("access_token")
                .asString();
    }

    String vehicle(String token, String make, String model) {
        return post("vehicle-service", "/api/v1/vehicles", token, Map.of("make", make, "model", model))
                .get("id")
                .asString();
    }

    /** The vehicle reaches upload-api through the ownership topic: wait for it rather than guess. */
    JsonNode presign(String token, String vehicle, String name, String type, long length) {
        return await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> post(
                                "upload-api",
                                "/api/v1/uploads",
                                token,
                                Map.of(
                                        "vehicleId",
                                        vehicle,
                                        "filename",
                                        name,
                                        "contentType",
                                        type,
                                        "contentLength",
                                        length)),
                        n -> n.has("upload"));
    }

    /** Sends a PUT as a browser would with the presign's URL and headers; the status S3 answered. */
    int put(JsonNode presign, byte[] body) {
        return put(presign.get("upload").get("url").asString(), headers(presign), body);
    }

    int put(String url, Map<String, String> headers, byte[] body) {
        var request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build()).statusCode();
    }

    static Map<String, String> headers(JsonNode presign) {
        var headers = new java.util.LinkedHashMap<String, String>();
        presign.get("upload")
                .get("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return headers;
    }

    /** The vehicle's photos as its owner sees them; empty when there are none. */
    List<JsonNode> photos(String token, String vehicle) {
        var response =
                send(HttpRequest.newBuilder(services.url("vehicle-service", "/api/v1/vehicles/" + vehicle + "/photos"))
                        .header("Authorization", "Bearer " + token)
                        .build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "photos of " + vehicle + " answered " + response.statusCode() + ": " + response.body());
        }
        var list = new ArrayList<JsonNode>();
        JSON.readTree(response.body()).forEach(list::add);
        return list;
    }

    /** Every URL of a READY photo: the original first, then the variants. */
    static List<String> imageUrls(JsonNode photo) {
        var urls = new ArrayList<String>();
        urls.add(photo.get("original").get("url").asString());
        photo.get("variants").forEach(v -> urls.add(v.get("url").asString()));
        return urls;
    }

    JsonNode post(String service, String path, String token, Map<String, Object> body) {
        var response = send(service, "POST", path, token, JSON.writeValueAsString(body));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    service + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(String service, String method, String path, String token, String jsonBody) {
        var request = HttpRequest.newBuilder(services.url(service, path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        var timed = request.timeout().isPresent()
                ? request
                : HttpRequest.newBuilder(request, (name, value) -> true)
                        .timeout(REQUEST_TIMEOUT)
                        .build();
        try {
            var resent = false;
            for (int tried = 1; ; tried++) {
                try {
                    return http.send(timed, HttpResponse.BodyHandlers.ofString());
                } catch (java.net.ConnectException refused) {
                    // that instance is down (killed, restarting): another one answers, as behind a load balancer
                    if (tried >= RunningServices.INSTANCES + 1) {
                        throw refused;
                    }
                    timed = HttpRequest.newBuilder(timed, (name, value) -> true)
                            .uri(services.failover(timed.uri()))
                            .build();
                } catch (IOException closed) {
                    // a pooled connection the server had closed — S3 refuses a PUT before reading its
                    // body and closes the connection — ends before any byte of an answer: the request
                    // was never answered, so it is sent once more, on a new connection, as the JDK
                    // itself does for GET
                    if (resent || !closedBeforeAnswering(closed)) {
                        throw closed;
                    }
                    resent = true;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean closedBeforeAnswering(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.EOFException
                    || String.valueOf(cause.getMessage()).contains("received no bytes")) {
                return true;
            }
        }
        return false;
    }

    int status(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(REQUEST_TIMEOUT)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
