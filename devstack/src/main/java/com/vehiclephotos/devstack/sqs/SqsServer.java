package com.vehiclephotos.devstack.sqs;

import java.net.URI;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ speaking the SQS API, with the uploads queue and its dead-letter queue (redrive after
 * {@code maxReceiveCount} receives). Region and account are set so that ARNs look like AWS's and the
 * redrive policy matches.
 */
public final class SqsServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";
    private static final Logger log = LoggerFactory.getLogger(SqsServer.class);

    private final SQSRestServer server;
    private final SqsClient client;
    private final URI endpoint;

    private SqsServer(SQSRestServer server, SqsClient client, URI endpoint) {
        this.server = server;
        this.client = client;
        this.endpoint = endpoint;
    }

    public static SqsServer start(String host, int port, String region, String accessKey, String secretKey) {
        var server = SQSRestServerBuilder.withPort(port)
                .withInterface(host)
                .withServerAddress(new NodeAddress("http", host, port, ""))
                .withAWSAccountId(ACCOUNT_ID)
                .withAWSRegion(region)
                .start();
        server.waitUntilStarted();
        var endpoint = URI.create("http://" + host + ":" + port);
        var client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        log.info("SQS (ElasticMQ) listening on {}", endpoint);
        return new SqsServer(server, client, endpoint);
    }

    /** Creates the queue and its dead-letter queue; returns the queue's URL. Idempotent. */
    public String createQueueWithDeadLetterQueue(String queue, String deadLetterQueue, int maxReceiveCount) {
        var dlqUrl = client.createQueue(b -> b.queueName(deadLetterQueue)
                        .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")))
                .queueUrl();
        var dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        var redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return client.createQueue(b -> b.queueName(queue)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                                QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "0",
                                QueueAttributeName.REDRIVE_POLICY, redrive)))
                .queueUrl();
    }

    public String queueUrl(String queue) {
        return client.getQueueUrl(b -> b.queueName(queue)).queueUrl();
    }

    public String queueArn(String queue) {
        return client.getQueueAttributes(b -> b.queueUrl(queueUrl(queue)).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** The client devstack itself uses, e.g. to deliver S3 notifications. */
    public SqsClient client() {
        return client;
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
