package com.vehiclephotos.upload.storage;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Presigned PUTs into the uploads bucket, signed by the SDK's SigV4 signer ({@link AwsV4HttpSigner})
 * without the presigner's per-call machinery. {@link S3Presigner} resolves the endpoint through
 * S3's rules engine, selects an auth scheme, runs interceptors and marshals a request on every call:
 * under load that was a fifth of upload-api's CPU, for an answer that is the same for every upload
 * to one bucket. So the presigner is asked once, at start, where the bucket lives (virtual-hosted or
 * path-style, region, partition: the SDK's rules, not ours), and each upload is that address plus
 * its key, signed the way S3 wants (no double URL-encoding, no path normalisation, unsigned
 * payload). {@code UploadUrlSignerTest} proves the URL and headers equal the presigner's.
 */
public final class UploadUrlSigner {

    private static final String PROBE_KEY = "k";

    /** protocol://host[:port], and the path before the key: the bucket's address, parsed once. */
    private final String origin;

    private final String protocol;
    private final String host;
    private final int port;
    private final String pathPrefix;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;

    UploadUrlSigner(
            S3Presigner presigner, String bucket, String region, AwsCredentialsProvider credentials, Clock clock) {
        var probe = presigner
                .presignPutObject(b -> b.putObjectRequest(p -> p.bucket(bucket).key(PROBE_KEY))
                        .signatureDuration(Duration.ofMinutes(1)))
                .httpRequest();
        var path = probe.encodedPath();
        this.protocol = probe.protocol();
        this.host = probe.host();
        this.port = probe.port();
        this.pathPrefix = path.substring(0, path.length() - PROBE_KEY.length());
        this.origin = protocol + "://" + host + (port == SdkHttpUtils.standardPort(protocol) ? "" : ":" + port);
        this.region = region;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * A PUT of {@code key} with exactly these headers (besides Host and Content-Length), valid for
     * {@code expiry}. The request is given its parts and the URL is assembled from the signed parts
     * as the SDK's {@code getUri()} does, without parsing a {@link URI} twice per presign (5% of the
     * presign's CPU under load).
     */
    public Signed presignPut(String key, long contentLength, Map<String, String> headers, Duration expiry) {
        var request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.PUT)
                .protocol(protocol)
                .host(host)
                .port(port)
                .encodedPath(pathPrefix + SdkHttpUtils.urlEncodeIgnoreSlashes(key))
                .putHeader("Content-Length", Long.toString(contentLength));
        headers.forEach(request::putHeader);
        var identity = (AwsCredentialsIdentity) credentials.resolveIdentity().join();
        var now = clock.instant();
        var signed = signer.sign(r -> r.request(request.build())
                        .identity(identity)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(
                                AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry)
                        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC)))
                .request();
        var url = origin
                + signed.encodedPath()
                + signed.encodedQueryParameters().map(query -> "?" + query).orElse("");
        return new Signed(url, signed.headers(), now.plus(expiry));
    }

    /** Where the browser PUTs, the headers it must send (the signed ones), and until when. */
    public record Signed(String url, Map<String, List<String>> headers, Instant expiration) {}
}
