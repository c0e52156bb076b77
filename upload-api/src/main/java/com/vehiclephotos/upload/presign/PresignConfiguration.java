package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.security.BearerAuthentication;
import com.vehiclephotos.web.security.BearerSecurity;
import com.vehiclephotos.web.security.BearerSecurityProperties;
import io.micrometer.observation.ObservationPredicate;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springdoc.core.annotations.RouterOperation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * The presign's route, what it needs because it is outside Spring Security's filter chain (its own bearer
 * authentication, the frontend's CORS), and the sampling of its observations.
 */
@Configuration(proxyBeanMethods = false)
class PresignConfiguration {

    @Bean
    BearerAuthentication presignAuthentication(ReactiveJwtDecoder decoder) {
        return new BearerAuthentication(decoder);
    }

    /**
     * Exactly {@code POST /api/v1/uploads} (other methods: 405); the document of the operation is the
     * handler's annotations.
     */
    @Bean
    @RouterOperation(
            path = PresignRoute.PATH,
            method = RequestMethod.POST,
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE,
            beanClass = PresignHandler.class,
            beanMethod = "create")
    RouterFunction<ServerResponse> presignRoute(PresignHandler handler) {
        return RouterFunctions.route(RequestPredicates.POST(PresignRoute.PATH), handler::create)
                // what an annotated controller answers for the path's other methods
                .andRoute(
                        RequestPredicates.path(PresignRoute.PATH),
                        request ->
                                Mono.error(new MethodNotAllowedException(request.method(), Set.of(HttpMethod.POST))));
    }

    /** The chain answers the browser's preflight; WebFlux adds CORS to the presign's own answers. */
    @Bean
    WebFluxConfigurer presignCors(BearerSecurityProperties security) {
        return new WebFluxConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                registry.addMapping(PresignRoute.PATH).combine(BearerSecurity.cors(security.allowedOrigins()));
            }
        };
    }

    /**
     * Observing a request (its span and its {@code http_server_requests} sample) costs more than
     * the presign itself: a presign is observed when the caller's {@code traceparent} is sampled
     * (parent-based sampling, as OpenTelemetry does it) or, for the others, with probability
     * {@code upload.trace-sampling}. Every other request of the service is observed as before.
     */
    @Bean
    ObservationPredicate presignSampling(UploadProperties properties) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server)
                || !PresignRoute.isPresign(server.getCarrier())
                || CallerTrace.of(server.getCarrier().getHeaders())
                        .map(CallerTrace::sampled)
                        .orElse(false)
                || ThreadLocalRandom.current().nextDouble() < properties.traceSampling();
    }
}
