package com.vehiclephotos.upload.demo;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import com.vehiclephotos.upload.presign.UploadProperties;
import com.vehiclephotos.upload.security.SecurityProperties;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the demo frontend (static files under {@code classpath:demo/}) and the little it needs to
 * know: where vehicle-service is, and the upload limits its quick checks mirror.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@ConditionalOnProperty(name = "upload.demo.enabled", havingValue = "true")
class DemoConfiguration {

    static final String[] PATHS = {"/demo", "/demo/**"};

    @Bean
    RouterFunction<ServerResponse> demoPage(DemoProperties demo, UploadProperties limits, SecurityProperties security) {
        var config = Map.of(
                "vehiclesUrl", demo.vehiclesUrl().toString().replaceAll("/$", ""),
                "maxSize", limits.maxSize().toBytes(),
                "contentTypes", limits.contentTypes(),
                "devTokens", security.devTokens());
        return RouterFunctions.route(
                        GET("/demo"),
                        request -> ServerResponse.permanentRedirect(URI.create("/demo/"))
                                .build())
                .andRoute(
                        GET("/demo/"),
                        request -> ServerResponse.ok()
                                .contentType(org.springframework.http.MediaType.TEXT_HTML)
                                .bodyValue(new ClassPathResource("demo/index.html")))
                .andRoute(
                        GET("/demo/config.json"), request -> ServerResponse.ok().bodyValue(config))
                .and(RouterFunctions.resources("/demo/**", new ClassPathResource("demo/")));
    }
}
