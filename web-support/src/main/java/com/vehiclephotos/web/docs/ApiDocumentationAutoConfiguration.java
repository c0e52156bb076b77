package com.vehiclephotos.web.docs;

import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import io.swagger.v3.oas.models.media.UUIDSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
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

    static {
        // the contracts' typed ids are UUID strings on the wire, as in the events
        var config = SpringDocUtils.getConfig();
        config.replaceWithSchema(VehicleId.class, new UUIDSchema());
        config.replaceWithSchema(PhotoId.class, new UUIDSchema());
    }

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
