package com.vehiclephotos.web.security;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.web.problem.ApiProblem;
import com.vehiclephotos.web.problem.CommonProblem;
import org.springframework.security.oauth2.jwt.Jwt;

/** The token's subject is the owner. */
public final class Owners {

    private Owners() {}

    public static OwnerId of(Jwt jwt) {
        try {
            return new OwnerId(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ApiProblem(
                    CommonProblem.FORBIDDEN, "The token's subject cannot be used as an owner id: " + e.getMessage());
        }
    }
}
