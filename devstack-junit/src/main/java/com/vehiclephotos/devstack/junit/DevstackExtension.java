package com.vehiclephotos.devstack.junit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the stack once per test JVM (in the root store, so JUnit closes it after the last test)
 * and publishes its endpoints. {@code -Ddevstack.mode=docker} (Maven profile {@code docker}) uses
 * Testcontainers instead, and skips cleanly where no Docker engine runs.
 */
public final class DevstackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(DevstackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DevstackEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoints(context);
    }

    private static DevstackEndpoints endpoints(ExtensionContext context) {
        var stack = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(
                        RunningStack.class,
                        key -> RunningStack.start(System.getProperty("devstack.mode", "local")),
                        RunningStack.class);
        return stack.endpoints();
    }
}
