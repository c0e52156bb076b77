package com.vehiclephotos.devstack;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar devstack/target/devstack.jar [--name=value ...]}: starts everything, prints the
 * endpoints, and runs until Ctrl-C (or until the parent process given by --parent-pid ends).
 */
public final class DevstackMain {

    private DevstackMain() {}

    public static void main(String[] args) throws Exception {
        DevstackSettings settings;
        try {
            settings = DevstackSettings.fromArgs(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(2);
            return;
        }
        settings.parentPid().ifPresent(pid -> ParentWatch.exitWhenGone(pid, "devstack"));
        Devstack devstack;
        try {
            devstack = Devstack.start(settings);
        } catch (Exception e) {
            System.err.println("devstack: could not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("devstack: stopping");
                            devstack.close();
                            stopped.countDown();
                        },
                        "devstack-shutdown"));
        System.out.println(banner(devstack));
        stopped.await();
    }

    private static String banner(Devstack devstack) {
        var e = devstack.endpoints();
        var out = new StringBuilder("\n devstack is ready in ")
                .append(e.get("startup-millis"))
                .append(" ms\n\n");
        e.forEach((k, v) -> out.append(String.format("   %-28s %s%n", k, v)));
        out.append("\n Also written to ").append(e.get("data-dir")).append("/endpoints.properties. Ctrl-C stops.\n");
        return out.toString();
    }
}
