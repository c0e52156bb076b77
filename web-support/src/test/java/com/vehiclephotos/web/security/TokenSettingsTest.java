package com.vehiclephotos.web.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The start-up refusal matrix: which token settings a service accepts, and what it says when it does not. */
class TokenSettingsTest {

    private static final String KEY = "a-local-key-of-at-least-32-bytes-0123456789";
    private static final String ISSUER = "https://login.example.com/realms/cars";

    @Test
    void aSharedKeyIsAcceptedInTheLocalProfile() {
        var env = new MockEnvironment().withProperty(TokenSettings.HMAC, KEY);
        env.setActiveProfiles("local");

        assertThatCode(() -> TokenSettings.check(env)).doesNotThrowAnyException();
    }

    @Test
    void aSharedKeyOutsideTheLocalProfileIsRefusedUnlessAllowedOutLoud() {
        var env = new MockEnvironment().withProperty(TokenSettings.HMAC, KEY);

        assertThatThrownBy(() -> TokenSettings.check(env))
                .hasMessageContaining("photos.security.hmac-secret is for local development")
                .hasMessageContaining(TokenSettings.ALLOW);
        assertThatCode(() -> TokenSettings.check(env.withProperty(TokenSettings.ALLOW, "true")))
                .doesNotThrowAnyException();
    }

    @Test
    void aSharedKeyNextToAnIdentityProviderIsRefusedEvenWhenAllowed() {
        for (var provider : new String[] {"issuer-uri", "jwk-set-uri"}) {
            var env = new MockEnvironment()
                    .withProperty(TokenSettings.HMAC, KEY)
                    .withProperty(TokenSettings.ALLOW, "true")
                    .withProperty(TokenSettings.JWT + provider, ISSUER);
            env.setActiveProfiles("local");

            assertThatThrownBy(() -> TokenSettings.check(env)).as(provider).hasMessageContaining("are both set");
        }
    }

    @Test
    void anIdentityProviderNeedsAnIssuerAndAnAudience() {
        var onlyKeys = new MockEnvironment()
                .withProperty(TokenSettings.JWT + "jwk-set-uri", ISSUER + "/certs")
                .withProperty(TokenSettings.JWT + "audiences", "vehicle-photos");
        var noAudience = new MockEnvironment().withProperty(TokenSettings.JWT + "issuer-uri", ISSUER);

        assertThatThrownBy(() -> TokenSettings.check(onlyKeys)).hasMessageContaining("issuer-uri");
        assertThatThrownBy(() -> TokenSettings.check(noAudience)).hasMessageContaining("audiences");
        assertThatCode(() ->
                        TokenSettings.check(noAudience.withProperty(TokenSettings.JWT + "audiences", "vehicle-photos")))
                .doesNotThrowAnyException();
    }
}
