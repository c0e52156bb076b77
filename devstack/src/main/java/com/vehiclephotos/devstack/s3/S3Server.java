package com.vehiclephotos.devstack.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;

/**
 * s3proxy on the local filesystem: the real S3 REST API, AWS Signature V4 (presigned URLs included)
 * checked against one access key, CORS for the configured browser origins, and ObjectCreated
 * notifications for the uploads prefix.
 */
public final class S3Server implements AutoCloseable {

    /** Methods and headers a browser needs for presigned PUTs and for reading published images. */
    private static final List<String> CORS_METHODS = List.of("GET", "HEAD", "PUT", "POST", "DELETE");

    private static final List<String> CORS_EXPOSED = List.of("ETag", "x-amz-request-id", "x-amz-version-id");
    private static final Logger log = LoggerFactory.getLogger(S3Server.class);

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public record Buckets(String uploads, String uploadsPrefix, String media) {}

    public static S3Server start(
            String host,
            int port,
            Path storage,
            String region,
            String accessKey,
            String secretKey,
            List<String> corsOrigins,
            Buckets buckets,
            Consumer<String> notifications)
            throws Exception {
        createDirectories(storage);
        var messages = new S3EventMessages(region, "devstack-" + buckets.uploads() + "-object-created");
        BlobStore store = new NotifyingBlobStore(
                new FilesystemNio2BlobStore(storage.toString()),
                buckets.uploads(),
                buckets.uploadsPrefix(),
                Set.of(buckets.media()),
                messages,
                notifications);
        createBucket(store, buckets.uploads(), BucketCannedACL.PRIVATE);
        createBucket(store, buckets.media(), BucketCannedACL.PUBLIC_READ);

        var endpoint = URI.create("http://" + host + ":" + port);
        var proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                .corsRules(new CrossOriginResourceSharing(corsOrigins, CORS_METHODS, List.of("*"), CORS_EXPOSED, ""))
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
            throw new IllegalStateException("s3proxy did not start on " + endpoint + ": " + proxy.getState());
        }
        // What S3 sends to the queue once a notification configuration is in place.
        notifications.accept(messages.testEvent(buckets.uploads(), Instant.now()));
        log.info("S3 (s3proxy) listening on {}, data in {}", endpoint, storage);
        return new S3Server(proxy, endpoint);
    }

    private static void createBucket(BlobStore store, String bucket, BucketCannedACL access) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket);
        }
        store.setContainerAccess(bucket, access);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the S3 data directory " + dir, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
