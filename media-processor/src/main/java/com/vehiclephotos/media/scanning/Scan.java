package com.vehiclephotos.media.scanning;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.step.Step;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * ClamAV. Fails closed: a scanner that cannot be reached, times out or answers with an error is
 * never a clean result. Who is to blame decides what happens next: when clamd still answers a PING
 * after failing on this file, the file is the trouble (Failed: retried a few times off the
 * partition, then rejected); when it does not, clamd is down for everyone and the partition waits.
 */
@Component
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
            if (clamd.ping()) {
                return Optional.of(new Outcome.Failed("The malware scanner could not finish scanning this photo ("
                        + e.getMessage() + ") while it answers others."));
            }
            throw new RetryLater("The malware scanner is unavailable: " + e.getMessage(), e);
        }
        if (verdict instanceof ClamdClient.Verdict.Infected infected) {
            return Step.reject(
                    RejectionReason.MALWARE_DETECTED, "The malware scanner found " + infected.signature() + ".");
        }
        return Step.next();
    }

    @Override
    public Health health() {
        return clamd.ping()
                ? Health.up().build()
                : Health.down().withDetail("clamd", "no PONG").build();
    }
}
