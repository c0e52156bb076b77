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
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge(exchange));
        return problems.write(exchange, CommonProblem.UNAUTHENTICATED, detail(exchange));
    }

    /** RFC 6750: a bare challenge when no token was sent, {@code invalid_token} when one was. */
    static String challenge(ServerWebExchange exchange) {
        return hasToken(exchange) ? "Bearer error=\"invalid_token\"" : "Bearer";
    }

    static String detail(ServerWebExchange exchange) {
        return hasToken(exchange)
                ? "The bearer token is invalid or expired."
                : "Send a bearer token in the Authorization header.";
    }

    private static boolean hasToken(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return problems.write(exchange, CommonProblem.FORBIDDEN, "You may not do this.");
    }
}
