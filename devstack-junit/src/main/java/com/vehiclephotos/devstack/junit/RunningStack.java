package com.vehiclephotos.devstack.junit;

import org.junit.jupiter.api.Assumptions;

/** A started stack that JUnit closes with the root context. */
interface RunningStack extends AutoCloseable {

    DevstackEndpoints endpoints();

    @Override
    void close();

    static RunningStack start(String mode) {
        var stack = switch (mode) {
            case "local" -> LocalStack.start();
            case "docker" -> {
                if (!DockerStack.dockerAvailable()) {
                    Assumptions.abort("devstack.mode=docker, but no Docker engine is reachable: skipped. "
                            + "Without Docker, run the tests without -Pdocker (devstack needs only a JDK).");
                }
                yield DockerStack.start();
            }
            default -> throw new IllegalArgumentException("devstack.mode must be 'local' or 'docker', got: " + mode);
        };
        stack.endpoints().all().forEach((name, value) -> System.setProperty("devstack." + name, value));
        return stack;
    }
}
