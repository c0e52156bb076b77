package com.vehiclephotos.devstack.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the local stack: started once per test JVM, shared by every class
 * that carries this annotation, stopped when the JVM's tests are done. Endpoints are published as
 * system properties {@code devstack.<name>} (so Spring's {@code ${devstack.kafka.bootstrap-servers}}
 * works) and as a {@link DevstackEndpoints} test parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(DevstackExtension.class)
public @interface WithDevstack {}
