package com.vehiclephotos.web.docs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;

/**
 * Completes a service's OpenAPI document with what every endpoint shares and springdoc cannot see:
 * the bearer-token scheme, the problem+json body of every error, and the errors every endpoint
 * can answer (400 when it takes input, 401, 404 when its path names something, 500). Errors of one
 * endpoint (409, 429...) are declared on it with a status and a description only; every 4xx and 5xx
 * answer gets the problem+json body here.
 */
public final class ApiDocumentation {

    /** The name of the security scheme, for {@code @SecurityRequirement(name = ...)}. */
    public static final String BEARER = "bearer";

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private static final String PROBLEM_JSON = "application/problem+json";

    private ApiDocumentation() {}

    /** Adds the info, the scheme, the Problem schema, the bearer token and the shared responses to every operation. */
    public static void complete(OpenAPI api, String title, String version) {
        api.info(
                new Info()
                        .title(title)
                        .version(version)
                        .description(
                                "Errors are application/problem+json (RFC 9457) with a stable type "
                                        + "urn:vehicle-photos:problem:<slug>; every call needs a bearer token (JWT) unless marked otherwise."));
        var components = api.getComponents() == null ? new Components() : api.getComponents();
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT"));
        components.addSchemas("Problem", problemSchema());
        api.components(components);
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
                    var takesInput = operation.getRequestBody() != null
                            || (operation.getParameters() != null
                                    && !operation.getParameters().isEmpty());
                    if (takesInput) {
                        add(
                                operation,
                                "400",
                                "The request is malformed or has invalid fields (malformed-request, validation-failed)");
                    }
                    add(
                            operation,
                            "401",
                            "No bearer token, or one that is expired, tampered with or for another audience");
                    if (path.contains("{")) {
                        add(operation, "404", "Nothing of yours by that id (someone else's answers the same)");
                    }
                    add(operation, "500", "Something went wrong on our side; the body carries no internal detail");
                    // every error is problem+json, including those an endpoint declares itself
                    operation.getResponses().forEach((status, response) -> {
                        if (status.matches("[45]\\d\\d")) {
                            response.content(problemContent());
                        }
                    });
                }));
    }

    private static void add(Operation operation, String status, String description) {
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.computeIfAbsent(status, s -> new ApiResponse().description(description));
        operation.setResponses(responses);
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = Map.of(
                "type", new StringSchema().example("urn:vehicle-photos:problem:validation-failed"),
                "title", new StringSchema(),
                "status", new IntegerSchema(),
                "detail", new StringSchema().description("A sentence for people: what happened and what to do"),
                "instance", new StringSchema());
        return new ObjectSchema()
                .description(
                        "RFC 9457 problem details; some types add fields of their own (errors, limit, maxBytes...)")
                .properties(properties)
                .required(List.of("type", "title", "status"));
    }
}
