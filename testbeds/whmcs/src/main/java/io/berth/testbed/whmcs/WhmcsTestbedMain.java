package io.berth.testbed.whmcs;

import java.util.concurrent.CountDownLatch;

/**
 * Starts the testbed, seeds it and prints the connection settings. Flags: {@code --clients N},
 * {@code --services N}, {@code --seed N}, {@code --bcrypt-cost N}, {@code --serve} (keep running until killed
 * or until standard input ends). The password of the read-only account is printed: it is a fixed test value.
 */
public final class WhmcsTestbedMain {

    private WhmcsTestbedMain() {
    }

    public static void main(String[] args) throws Exception {
        SeedOptions options = SeedOptions.small();
        boolean serve = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> options = options.withClients(Integer.parseInt(args[++i]));
                case "--services" -> options = options.withServices(Integer.parseInt(args[++i]));
                case "--seed" -> options = options.withSeed(Long.parseLong(args[++i]));
                case "--bcrypt-cost" -> options = new SeedOptions(options.seed(), options.clients(), options.services(),
                        Integer.parseInt(args[++i]));
                case "--serve" -> serve = true;
                default -> {
                    System.err.println("unknown flag " + args[i]
                            + " (known: --clients N --services N --seed N --bcrypt-cost N --serve)");
                    System.exit(2);
                }
            }
        }
        WhmcsTestbed testbed = WhmcsTestbed.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            testbed.close();
            stopped.countDown();
        }));
        SeedSummary summary = testbed.seed(options);
        System.out.println("seeded " + summary.rows() + " in " + summary.millis() + " ms");
        System.out.println("services by status " + summary.servicesByStatus());
        System.out.println("WHMCS_URL=" + testbed.jdbcUrl());
        System.out.println("WHMCS_USER=" + testbed.user());
        System.out.println("WHMCS_DB_PASSWORD=" + testbed.password());
        System.out.println("READY");
        System.out.flush();
        if (serve) {
            while (System.in.read() >= 0) {
                // wait for end of input
            }
        }
        System.exit(0);
    }
}
