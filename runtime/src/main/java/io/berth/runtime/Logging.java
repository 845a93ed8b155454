package io.berth.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * One log format for the whole process: SLF4J (simple provider, inside the framework) gets a time
 * stamp and thread; java.util.logging (used by Jersey, SPI Fly, JLine) only reports warnings that
 * matter to an operator.
 */
final class Logging {

    private Logging() {
    }

    static void configure() {
        setDefault("org.jooq.no-logo", "true");
        setDefault("org.jooq.no-tips", "true");
        setDefault("org.slf4j.simpleLogger.log.org.jooq", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.felix.webconsole", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
        setDefault("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.zonky", "warn");
        String jul = String.join("\n",
                "handlers=java.util.logging.ConsoleHandler",
                ".level=WARNING",
                "java.util.logging.ConsoleHandler.level=ALL",
                "java.util.logging.SimpleFormatter.format=%1$tFT%1$tT.%1$tLZ [%3$s] %4$s %5$s%6$s%n",
                "org.glassfish.jersey.server.wadl.level=SEVERE",
                "org.glassfish.jersey.internal.inject.Providers.level=SEVERE",
                "org.jline.level=SEVERE",
                "org.apache.aries.spifly.level=WARNING",
                "");
        try {
            LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(jul.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            Log.error("cannot configure java.util.logging: " + e.getMessage());
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
