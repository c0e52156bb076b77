package com.vehiclephotos.media.scanning;

import java.io.IOException;
import java.util.Optional;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.RetryLater;
import com.vehiclephotos.media.pipeline.Step;

/**
 * ClamAV. Fails closed: a scanner that cannot be reached, times out or answers with an error is
 * not a clean result — the photo waits and is tried again; nothing unscanned is ever published.
 */
@Component
@Order(4)
public class Scan implements Step, HealthIndicator {

    private final ClamdClient clamd;

    Scan(MediaProperties properties) {
        var c = properties.clamd();
        this.clamd = new ClamdClient(c.host(), c.port(), c.connectTimeout(), c.readTimeout());
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        ClamdClient.Verdict verdict;
        try {
            verdict = clamd.scan(work.bytes());
        } catch (IOException e) {
            throw new RetryLater("The malware scanner could not scan the photo: " + e.getMessage(), e);
        }
        if (verdict instanceof ClamdClient.Verdict.Infected infected) {
            return Step.reject(RejectionReason.MALWARE_DETECTED, "The malware scanner found " + infected.signature() + ".");
        }
        return Step.next();
    }

    @Override
    public Health health() {
        return clamd.ping() ? Health.up().build() : Health.down().withDetail("clamd", "no PONG").build();
    }
}
