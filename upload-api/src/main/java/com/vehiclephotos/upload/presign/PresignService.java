package com.vehiclephotos.upload.presign;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.storage.UploadKey;
import com.vehiclephotos.kafka.KafkaTrace;
import com.vehiclephotos.upload.ownership.OwnershipView;
import com.vehiclephotos.upload.storage.UploadUrlSigner;
import com.vehiclephotos.web.limit.OwnerRateLimiter;
import com.vehiclephotos.web.problem.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Decides whether a presign may be given — type, size, rate, ownership, cheapest first — and
 * signs a PUT for exactly the declared file: its key, Content-Type, Content-Length and metadata,
 * and {@code If-None-Match: *}, so that the URL cannot replace what it uploaded.
 */
@Service
class PresignService {

    static final String ORIGINAL_FILENAME = "original-filename";
    private static final List<String> BROWSER_SETS_ITSELF = List.of("host", "content-length");

    private final UploadProperties limits;
    private final UploadUrlSigner signer;
    private final OwnerRateLimiter rateLimiter;
    private final OwnershipView ownership;
    private final MeterRegistry meters;
    private final KafkaTrace trace;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    PresignService(
            UploadProperties limits,
            UploadUrlSigner signer,
            OwnershipView ownership,
            MeterRegistry meters,
            KafkaTrace trace) {
        this.trace = trace;
        this.limits = limits;
        this.signer = signer;
        this.rateLimiter = new OwnerRateLimiter(limits.rateLimit());
        this.ownership = ownership;
        this.meters = meters;
    }

    /**
     * @param caller the caller's own trace context, signed into the upload when this presign is
     *               not observed (upload.trace-sampling); an observed one signs its own span
     */
    Mono<UploadResponse> presign(OwnerId owner, UploadRequest request, Optional<CallerTrace> caller) {
        var started = System.nanoTime();
        return Mono.fromRunnable(() -> checkFile(request))
                .then(Mono.fromRunnable(() -> checkRate(owner)))
                .then(checkOwnership(owner, new VehicleId(request.vehicleId())))
                // handle() restores the request's trace from the Reactor context (limited context
                // propagation), so the signature carries it; no other operator pays for that
                .then(Mono.just(request).<UploadResponse>handle((r, sink) -> sink.next(sign(owner, r, caller))))
                .doOnSuccess(r -> outcome("created", started))
                .doOnError(e -> outcome(
                        e instanceof ApiProblem p ? p.problemType().slug().replace('-', '_') : "error", started));
    }

    private void checkFile(UploadRequest request) {
        var type = request.contentType().trim().toLowerCase(Locale.ROOT);
        if (!limits.contentTypes().contains(type)) {
            throw new ApiProblem(
                    UploadProblem.UNSUPPORTED_CONTENT_TYPE,
                    "'" + request.contentType() + "' is not accepted. Upload one of: "
                            + String.join(", ", limits.contentTypes()) + ".",
                    Map.of("accepted", limits.contentTypes()),
                    null);
        }
        if (request.contentLength() > limits.maxSize().toBytes()) {
            throw new ApiProblem(
                    UploadProblem.FILE_TOO_LARGE,
                    "The file has " + request.contentLength() + " bytes; the limit is "
                            + limits.maxSize().toBytes() + " bytes ("
                            + limits.maxSize().toMegabytes() + " MB).",
                    Map.of("maxBytes", limits.maxSize().toBytes()),
                    null);
        }
    }

    private void checkRate(OwnerId owner) {
        rateLimiter.tryAcquire(owner).ifPresent(wait -> {
            throw new ApiProblem(
                    UploadProblem.RATE_LIMITED,
                    "Too many upload requests. Try again in " + wait.toSeconds() + " s.",
                    Map.of(),
                    wait);
        });
    }

    private Mono<Void> checkOwnership(OwnerId owner, VehicleId vehicle) {
        if (!ownership.isCaughtUp()) {
            return Mono.error(new ApiProblem(
                    UploadProblem.OWNERSHIP_UNAVAILABLE,
                    "This instance is still loading vehicle ownership. Try again in a moment.",
                    Map.of(),
                    Duration.ofSeconds(2)));
        }
        // Someone else's vehicle answers exactly like a vehicle that does not exist.
        return ownership
                .ownerOf(vehicle)
                .filter(found -> found.isPresent() && found.get().equals(owner))
                .switchIfEmpty(Mono.error(
                        () -> new ApiProblem(UploadProblem.VEHICLE_NOT_FOUND, "You have no vehicle " + vehicle + ".")))
                .then();
    }

    private UploadResponse sign(OwnerId owner, UploadRequest request, Optional<CallerTrace> caller) {
        var photo = PhotoId.random();
        var vehicle = new VehicleId(request.vehicleId());
        var contentType = request.contentType().trim().toLowerCase(Locale.ROOT);
        var key = new UploadKey(owner, vehicle, photo, SafeFilename.of(request.filename(), contentType)).key();
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", contentType);
        metadata(request, caller).forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        headers.put(
                "if-none-match", "*"); // one URL, one upload: S3 refuses a second PUT while the first is there (412)
        var signed = signer.presignPut(key, request.contentLength(), headers, limits.urlExpiry());
        var browserSends = new LinkedHashMap<String, String>();
        signed.headers().forEach((name, values) -> {
            if (!BROWSER_SETS_ITSELF.contains(name.toLowerCase(Locale.ROOT))) {
                browserSends.put(canonical(name), String.join(",", values));
            }
        });
        return new UploadResponse(
                photo.value(),
                vehicle.value(),
                key,
                new UploadResponse.Upload("PUT", signed.url(), browserSends, signed.expiration()));
    }

    /** The original name, and the request's trace so the pipeline can continue it (signed: the browser cannot change them). */
    private Map<String, String> metadata(UploadRequest request, Optional<CallerTrace> caller) {
        var metadata = new LinkedHashMap<String, String>();
        metadata.put(ORIGINAL_FILENAME, OriginalFilename.encoded(request.filename()));
        // an unsampled caller's trace is continued as it came (no span of this service would be
        // recorded in it); otherwise this presign's span when it is observed, else the caller's
        caller.filter(c -> !c.sampled())
                .map(CallerTrace::traceparent)
                .or(trace::current)
                .or(() -> caller.map(CallerTrace::traceparent))
                .ifPresent(t -> metadata.put(KafkaTrace.HEADER, t));
        return metadata;
    }

    private static String canonical(String header) {
        return header.equalsIgnoreCase("content-type") ? "Content-Type" : header.toLowerCase(Locale.ROOT);
    }

    /** Every presign is counted and timed by outcome, observed or not (the meters made once per outcome). */
    private void outcome(String outcome, long started) {
        outcomes.computeIfAbsent(outcome, this::meters).record(System.nanoTime() - started);
    }

    private Outcome meters(String outcome) {
        return new Outcome(
                meters.counter("uploads.presign", "outcome", outcome),
                Timer.builder("uploads.presign.duration")
                        .description("Presign time from the checks to the signed answer, by outcome")
                        .tag("outcome", outcome)
                        .publishPercentileHistogram()
                        .register(meters));
    }

    private record Outcome(Counter count, Timer time) {
        void record(long nanos) {
            count.increment();
            time.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
