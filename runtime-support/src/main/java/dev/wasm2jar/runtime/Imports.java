package dev.wasm2jar.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * What a module may import, by module and field name: functions ({@link HostFunction} or
 * {@link FuncRef}), {@link Memory}, {@link Table} and {@link Global} objects.
 */
public final class Imports {
    private final Map<String, Map<String, Object>> byModule = new HashMap<>();
    private final HostInstance hostOwner = new HostInstance();

    public Imports add(String module, String name, Object value) {
        if (value instanceof HostFunction) {
            value = hostOwner.wrap((HostFunction) value);
        }
        if (!(value instanceof FuncRef || value instanceof Memory || value instanceof Table || value instanceof Global)) {
            throw new IllegalArgumentException("cannot import a " + value.getClass().getName());
        }
        byModule.computeIfAbsent(module, k -> new HashMap<>()).put(name, value);
        return this;
    }

    public Imports add(HostFunction f) {
        return add(f.module(), f.name(), f);
    }

    public Imports addAll(Iterable<HostFunction> functions) {
        for (HostFunction f : functions) {
            add(f);
        }
        return this;
    }

    /** Makes every export of {@code instance} importable under the module name {@code as}. */
    public Imports register(String as, Instance instance) {
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            add(as, e.getKey(), e.getValue());
        }
        return this;
    }

    /** The owner of host functions added here; multi-result host functions set results on it. */
    public HostInstance hostInstance() {
        return hostOwner;
    }

    Object lookup(String module, String name) {
        Map<String, Object> m = byModule.get(module);
        return m == null ? null : m.get(name);
    }
}
