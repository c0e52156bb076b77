package com.vehiclephotos.upload.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The signer's URLs and headers are the SDK presigner's, byte for byte, signed at the same second:
 * for AWS (virtual-hosted, several regions, session credentials) and for S3-compatible servers
 * (path-style, a browser-facing address), with keys that need encoding.
 */
class UploadUrlSignerTest {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern DATE = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)");
    private static final String KEY = "uploads/owner 1/v+2/3f0e/My photo (1) é+ü~.jpg";

    static Stream<Arguments> places() {
        return Stream.of(
                Arguments.of("AWS us-east-1", settings(null, null, "us-east-1", false), keys()),
                Arguments.of("AWS eu-central-1", settings(null, null, "eu-central-1", false), keys()),
                Arguments.of("AWS with a session token", settings(null, null, "eu-west-1", false), session()),
                Arguments.of(
                        "devstack, path-style",
                        settings(URI.create("http://127.0.0.1:9000"), null, "us-east-1", true),
                        keys()),
                Arguments.of(
                        "compose, a browser-facing address",
                        settings(
                                URI.create("http://localstack:4566"),
                                URI.create("http://localhost:4566"),
                                "us-east-1",
                                true),
                        keys()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void signsWhatThePresignerSigns(String place, StorageProperties s3, AwsCredentialsProvider credentials) {
        var configuration = new StorageConfiguration();
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", "image/jpeg");
        headers.put("x-amz-meta-original-filename", "My%20photo.jpg");
        headers.put("x-amz-meta-traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        headers.put("If-None-Match", "*");
        try (var presigner = configuration.s3Presigner(s3, credentials)) {
            var expected = presigner.presignPutObject(b -> b.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(p -> p.bucket(s3.bucket())
                            .key(KEY)
                            .contentType("image/jpeg")
                            .contentLength(2_483_117L)
                            .metadata(Map.of(
                                    "original-filename", "My%20photo.jpg",
                                    "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                            .ifNoneMatch("*")));
            var matcher = DATE.matcher(expected.url().toString());
            assertThat(matcher.find()).isTrue();
            var signedAt = LocalDateTime.parse(matcher.group(1), AMZ_DATE).toInstant(ZoneOffset.UTC);
            var signer = new UploadUrlSigner(
                    presigner, s3.bucket(), s3.region(), credentials, Clock.fixed(signedAt, ZoneOffset.UTC));

            var signed = signer.presignPut(KEY, 2_483_117L, headers, Duration.ofMinutes(15));

            assertThat(signed.url()).isEqualTo(expected.url().toString());
            assertThat(lowerCased(signed.headers())).isEqualTo(lowerCased(expected.signedHeaders()));
            assertThat(signed.expiration())
                    .isBetween(
                            expected.expiration().minusSeconds(1),
                            expected.expiration()); // the URL's date has whole seconds
        }
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        var lower = new java.util.TreeMap<String, List<String>>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return lower;
    }

    private static StorageProperties settings(URI endpoint, URI publicEndpoint, String region, boolean pathStyle) {
        return new StorageProperties(
                endpoint, publicEndpoint, region, "vehicle-uploads", "AKIDEXAMPLE", "secret", pathStyle);
    }

    private static AwsCredentialsProvider keys() {
        return StaticCredentialsProvider.create(
                software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
    }

    private static AwsCredentialsProvider session() {
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "session-token/+="));
    }
}
