package com.vehiclephotos.bridge;

import com.vehiclephotos.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Long-polls the uploads queue and sends each notification's uploads to Kafka. A message is deleted
 * only after Kafka acknowledged all of its records; until then it stays in SQS (hidden while its
 * sends are in flight). When Kafka fails, the {@link KafkaGate} closes and no poller receives until
 * Kafka answers again, so waiting messages are not redriven to the dead-letter queue for nothing;
 * and a poller whose sends failed — for any reason, reachable broker or not (NOT_ENOUGH_REPLICAS,
 * denied authorization) — holds those messages, hidden and resent with back-off, until Kafka
 * acknowledges them: SQS never counts another receive for them, so a failed send never lets a
 * message die. Each poller is a {@link BridgePoller}; what a batch becomes is {@link Batches}.
 */
final class SqsBridge implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SqsBridge.class);

    private final UploadQueue queue;
    private final KafkaSends kafka;
    private final KafkaGate gate;
    private final NotificationTranslator translator;
    private final BridgeProperties properties;
    private final BridgeMetrics metrics;
    private final List<BridgePoller> pollers = new ArrayList<>();
    private volatile boolean running;
    private ScheduledExecutorService depthProbe;

    SqsBridge(
            UploadQueue queue,
            KafkaSends kafka,
            KafkaGate gate,
            NotificationTranslator translator,
            BridgeProperties properties,
            BridgeMetrics metrics) {
        this.queue = queue;
        this.kafka = kafka;
        this.gate = gate;
        this.translator = translator;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        running = true;
        var batches = new Batches(queue, kafka, translator, metrics);
        for (int i = 0; i < properties.pollers(); i++) {
            var poller = new BridgePoller(
                    "sqs-bridge-" + i, queue, kafka, gate, batches, properties, metrics, () -> running);
            poller.start();
            pollers.add(poller);
        }
        depthProbe = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "sqs-bridge-depth");
            t.setDaemon(true);
            return t;
        });
        depthProbe.scheduleWithFixedDelay(
                () -> queue.depth().ifPresent(metrics.queueDepth::set), 0, 15, TimeUnit.SECONDS);
        log.info(
                "Bridging {} to Kafka {} with {} poller(s), up to {} receive(s) in flight each",
                properties.queueUrl(),
                Topics.PHOTO_UPLOADED,
                properties.pollers(),
                properties.inFlight());
    }

    /** Stop receiving, finish in-flight sends and delete what was sent; the rest stays in the queue. */
    @Override
    public void stop() {
        running = false;
        queue.cancelReceives();
        gate.wakeAll();
        var patience = properties.sendTimeout().plusSeconds(5).toMillis();
        pollers.forEach(p -> p.join(patience));
        pollers.clear();
        if (depthProbe != null) {
            depthProbe.shutdownNow();
        }
        log.info("Bridge stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and the SQS client are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    boolean isKafkaAvailable() {
        return gate.isOpen();
    }

    long queueDepth() {
        return metrics.queueDepth.get();
    }
}
