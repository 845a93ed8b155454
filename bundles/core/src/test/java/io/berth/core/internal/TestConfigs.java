package io.berth.core.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Component configuration annotations for tests: given values, else the annotation's defaults. */
public final class TestConfigs {

    private TestConfigs() {
    }

    @SuppressWarnings("unchecked")
    public static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            Object fallback = method.getDefaultValue();
            if (fallback == null && method.getDeclaringClass() == type) {
                throw new IllegalStateException(type.getSimpleName() + "." + method.getName() + " has no value");
            }
            return fallback == null ? method.invoke(values, args) : fallback;
        });
    }
}
