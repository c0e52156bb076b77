package com.vehiclephotos.media.storage;

import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.step.Storage;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/** The steps' {@link Storage} on S3 (AWS SDK v2). Every SDK failure becomes {@link RetryLater}. */
@Component("s3")
class S3Storage implements Storage, HealthIndicator, AutoCloseable {

    private final S3Client s3;
    private final MediaProperties properties;

    S3Storage(MediaProperties properties) {
        this.properties = properties;
        var config = properties.s3();
        var builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(
                        config.accessKey() != null && !config.accessKey().isBlank()
                                ? StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
                                : DefaultCredentialsProvider.builder().build());
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        this.s3 = builder.build();
    }

    @Override
    public Optional<Head> head(String bucket, String key) {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(
                    new Head(head.contentLength(), head.contentType(), head.metadata(), unquoted(head.eTag())));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new RetryLater("S3 HEAD s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new RetryLater("S3 HEAD s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> get(String bucket, String key, String eTag, long maxBytes) {
        try (var in = s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(eTag == null ? null : "\"" + eTag + "\""))) {
            var bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new RetryLater(
                        "s3://" + bucket + "/" + key + " grew past " + maxBytes + " bytes after its HEAD", null);
            }
            return Optional.of(bytes);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 412) {
                return Optional.empty(); // gone, or replaced by another version than the one asked for
            }
            throw new RetryLater("S3 GET s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (SdkException | IOException e) {
            throw new RetryLater("S3 GET s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(
            String bucket,
            String key,
            byte[] bytes,
            String contentType,
            String cacheControl,
            java.util.Map<String, String> metadata) {
        try {
            s3.putObject(
                    b -> b.bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .cacheControl(cacheControl)
                            .metadata(metadata),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new RetryLater("S3 PUT s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new RetryLater("S3 DELETE s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int deletePrefix(String bucket, String prefix) {
        try {
            int deleted = 0;
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                var keys = page.contents().stream()
                        .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .toList();
                if (!keys.isEmpty()) {
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(keys)));
                    deleted += keys.size();
                }
            }
            return deleted;
        } catch (SdkException e) {
            throw new RetryLater("S3 delete under s3://" + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
    }

    static String unquoted(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }

    @Override
    public Health health() {
        try {
            s3.headBucket(b -> b.bucket(properties.uploadsBucket()));
            s3.headBucket(b -> b.bucket(properties.mediaBucket()));
            return Health.up().build();
        } catch (SdkException e) {
            return Health.down()
                    .withDetail("error", e.getClass().getSimpleName())
                    .build();
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
