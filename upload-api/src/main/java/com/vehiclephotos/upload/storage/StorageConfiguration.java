package com.vehiclephotos.upload.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    AwsCredentialsProvider awsCredentials(StorageProperties s3) {
        return s3.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(StorageProperties s3, AwsCredentialsProvider credentials) {
        var builder = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(s3.pathStyle())
                        .build());
        if (s3.presignEndpoint() != null) {
            builder.endpointOverride(s3.presignEndpoint());
        }
        return builder.build();
    }

    @Bean
    UploadUrlSigner uploadUrlSigner(StorageProperties s3, S3Presigner presigner, AwsCredentialsProvider credentials) {
        return new UploadUrlSigner(presigner, s3.bucket(), s3.region(), credentials, java.time.Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    S3AsyncClient s3Client(StorageProperties s3, AwsCredentialsProvider credentials) {
        var builder = S3AsyncClient.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(s3.pathStyle());
        if (s3.endpoint() != null) {
            builder.endpointOverride(s3.endpoint());
        }
        return builder.build();
    }
}
