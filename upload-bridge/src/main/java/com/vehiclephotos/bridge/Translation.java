package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoUploaded;
import java.util.List;

/** What one SQS message becomes. */
sealed interface Translation {

    /** S3's test event, or records that are not ObjectCreated: acknowledge, nothing to send. */
    record Skip(String why) implements Translation {}

    /**
     * Events to send. {@code problems} lists records of the same message that cannot be bridged;
     * when there are any, the message also goes to the dead-letter queue after the sends.
     */
    record Bridge(List<PhotoUploaded> events, List<String> problems) implements Translation {}

    /** Can never be bridged: to the dead-letter queue with the reason. */
    record Poison(String reason) implements Translation {}
}
