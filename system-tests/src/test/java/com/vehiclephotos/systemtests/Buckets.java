package com.vehiclephotos.systemtests;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.storage.MediaKey;
import com.vehiclephotos.events.storage.UploadKey;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What is stored, read straight from devstack's S3: the ground truth the services' answers are checked against. */
final class Buckets implements AutoCloseable {

    static final String UPLOADS = "uploads";
    static final String MEDIA = "media";
    private final S3Client s3;

    Buckets(DevstackEndpoints devstack) {
        this.s3 = S3Client.builder()
                .endpointOverride(devstack.s3Endpoint())
                .region(Region.of(devstack.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(devstack.accessKey(), devstack.secretKey())))
                .build();
    }

    /** Keys under a prefix, all pages. */
    List<String> keys(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** Media keys of one photo. */
    List<String> published(String vehicle, String photo) {
        return keys(MEDIA, MediaKey.photoPrefix(VehicleId.of(vehicle), PhotoId.of(photo)));
    }

    /** Media keys of every photo of a vehicle. */
    List<String> published(String vehicle) {
        return keys(MEDIA, MediaKey.vehiclePrefix(VehicleId.of(vehicle)));
    }

    /** Every upload waiting in the uploads bucket. */
    List<String> uploads() {
        return keys(UPLOADS, UploadKey.PREFIX);
    }

    @Override
    public void close() {
        s3.close();
    }
}
