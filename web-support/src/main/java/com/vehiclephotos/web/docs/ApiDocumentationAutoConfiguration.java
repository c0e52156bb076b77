package com.vehiclephotos.web.docs;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/** In a service that documents its API with springdoc: the document completed by {@link ApiDocumentation}. */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentationAutoConfiguration {

    /** Titled after the service, versioned after its build (META-INF/build-info.properties). */
    @Bean
    OpenApiCustomizer sharedApiDocumentation(
            @Value("${spring.application.name}") String name, ObjectProvider<BuildProperties> build) {
        var version = build.getIfAvailable() == null
                ? "development"
                : build.getIfAvailable().getVersion();
        return api -> ApiDocumentation.complete(api, name, version);
    }
}
