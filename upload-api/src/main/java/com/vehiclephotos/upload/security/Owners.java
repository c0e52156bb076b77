package com.vehiclephotos.upload.security;

import org.springframework.security.oauth2.jwt.Jwt;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.upload.system.ApiProblem;
import com.vehiclephotos.upload.system.ProblemType;

/** The token's subject is the owner. */
public final class Owners {

    private Owners() {
    }

    public static OwnerId of(Jwt jwt) {
        try {
            return new OwnerId(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new ApiProblem(ProblemType.FORBIDDEN,
                    "The token's subject cannot be used as an owner id: " + e.getMessage());
        }
    }
}
