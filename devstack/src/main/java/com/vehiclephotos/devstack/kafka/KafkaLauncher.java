package com.vehiclephotos.devstack.kafka;

import com.vehiclephotos.devstack.ParentWatch;
import java.util.Arrays;

/** Main of the broker process: the real {@code kafka.Kafka}, ended when devstack goes away. */
public final class KafkaLauncher {

    private KafkaLauncher() {}

    public static void main(String[] args) throws Exception {
        ParentWatch.exitWhenGone(Long.parseLong(args[0]), "kafka");
        kafka.Kafka.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
