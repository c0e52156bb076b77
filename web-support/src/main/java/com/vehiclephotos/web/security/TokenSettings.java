package com.vehiclephotos.web.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start with token settings that are too easy to leave open. A shared HMAC key (and the
 * development tokens minted with it) lets anyone who has it act as any user: it is accepted in the
 * {@code local} profile only, or where {@value #ALLOW} says so out loud, and never next to an
 * identity provider, whose decoder it would silently replace. Tokens from an identity provider must
 * name this service (audience) and come from the configured issuer, or tokens minted for any other
 * application of the same provider would be accepted.
 */
public final class TokenSettings {

    public static final String ALLOW = "photos.security.insecure-local-tokens-allowed";
    static final String HMAC = "photos.security.hmac-secret";
    static final String JWT = "spring.security.oauth2.resourceserver.jwt.";
    private static final Logger log = LoggerFactory.getLogger(TokenSettings.class);

    private TokenSettings() {}

    /** The settings, checked: throws IllegalStateException naming the settings when they do not fit together. */
    public static TokenSettings checked(Environment environment) {
        check(environment);
        return new TokenSettings();
    }

    static void check(Environment environment) {
        var binder = Binder.get(environment);
        boolean hmac = !binder.bind(HMAC, String.class).orElse("").isEmpty();
        var issuer = binder.bind(JWT + "issuer-uri", String.class).orElse("");
        var jwkSet = binder.bind(JWT + "jwk-set-uri", String.class).orElse("");
        var audiences =
                binder.bind(JWT + "audiences", Bindable.listOf(String.class)).orElse(List.of());
        boolean identityProvider = !issuer.isEmpty() || !jwkSet.isEmpty();
        if (hmac && identityProvider) {
            throw new IllegalStateException(
                    HMAC + " and " + JWT + "issuer-uri/jwk-set-uri are both set: tokens would be checked "
                            + "against the shared key instead of the identity provider. Remove " + HMAC + ".");
        }
        if (hmac
                && !environment.acceptsProfiles(Profiles.of("local"))
                && !binder.bind(ALLOW, Boolean.class).orElse(false)) {
            throw new IllegalStateException(HMAC
                    + " is for local development: anyone who has the key can act as any user. "
                    + "Use the 'local' profile, configure an identity provider (" + JWT + "issuer-uri and audiences), "
                    + "or, for a test environment only, set " + ALLOW + "=true.");
        }
        if (identityProvider && (issuer.isEmpty() || audiences.isEmpty())) {
            throw new IllegalStateException(
                    "Tokens from an identity provider need both " + JWT + "issuer-uri (the issuer they must "
                            + "come from; with jwk-set-uri it is checked without discovery) and " + JWT
                            + "audiences (this service's "
                            + "name in their aud claim), so that tokens minted for other applications are refused.");
        }
        if (hmac) {
            log.warn(
                    "Local development tokens are accepted ({} is set): anyone with the key can act as any user. Never in production.",
                    HMAC);
        }
    }
}
