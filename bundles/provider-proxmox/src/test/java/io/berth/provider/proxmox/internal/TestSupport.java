package io.berth.provider.proxmox.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Builders shared by the tests. */
final class TestSupport {

    private TestSupport() {
    }

    static ProxmoxHttp http(URI base, ProxmoxAuth auth) {
        return http(base, auth, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), Duration.ofSeconds(3));
    }

    static ProxmoxHttp http(URI base, ProxmoxAuth auth, HttpClient client, Duration timeout) {
        return new ProxmoxHttp(base, client, auth, new ObjectMapper(), timeout, 2, Duration.ofMillis(10));
    }

    /**
     * A {@link ProxmoxHypervisor.Config} as Declarative Services would build it from properties:
     * {@code api_url()} reads {@code api.url}, {@code _token_secret()} reads {@code .token.secret}.
     */
    static ProxmoxHypervisor.Config config(Map<String, ?> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        return (ProxmoxHypervisor.Config) Proxy.newProxyInstance(TestSupport.class.getClassLoader(),
                new Class<?>[] {ProxmoxHypervisor.Config.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class || method.getName().equals("annotationType")) {
                        return switch (method.getName()) {
                            case "toString" -> "Config" + props.keySet();
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> ProxmoxHypervisor.Config.class;
                        };
                    }
                    String key = property(method.getName());
                    Object value = props.get(key);
                    if (value == null) {
                        return method.getDefaultValue();
                    }
                    Class<?> type = method.getReturnType();
                    if (type == int.class) {
                        return Integer.valueOf(value.toString());
                    }
                    if (type == String[].class) {
                        return value instanceof String[] array ? array : new String[] {value.toString()};
                    }
                    return value.toString();
                });
    }

    /** The DS 1.4 name mapping: '__' → '_', '_' → '.'. */
    static String property(String methodName) {
        return methodName.replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
