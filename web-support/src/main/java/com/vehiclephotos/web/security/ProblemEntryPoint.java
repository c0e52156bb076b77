package com.vehiclephotos.web.security;

import com.vehiclephotos.web.problem.CommonProblem;
import com.vehiclephotos.web.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, with the Bearer challenge RFC 6750 asks for. */
public final class ProblemEntryPoint implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final ProblemResponses problems;

    public ProblemEntryPoint(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        var challenge = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                ? "Bearer error=\"invalid_token\""
                : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        var detail = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                ? "The bearer token is invalid or expired."
                : "Send a bearer token in the Authorization header.";
        return problems.write(exchange, CommonProblem.UNAUTHENTICATED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return problems.write(exchange, CommonProblem.FORBIDDEN, "You may not do this.");
    }
}
