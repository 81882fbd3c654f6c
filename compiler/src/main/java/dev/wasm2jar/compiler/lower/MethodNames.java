package dev.wasm2jar.compiler.lower;

import java.util.HashSet;
import java.util.Set;

/**
 * JVM method names for wasm functions, taken from the name section so that a JVM stack trace
 * reads like the wasm one. The JVM forbids {@code . ; [ / < >} in method names; each becomes a
 * look-alike character ({@code .} becomes U+00B7 MIDDLE DOT), so {@code fmt.Fprintln} shows as
 * {@code fmt·Fprintln}. Duplicates get a {@code ~index} suffix.
 */
public final class MethodNames {
    private final Set<String> used = new HashSet<>();

    public String assign(int funcIndex, String wasmName) {
        String base = wasmName == null || wasmName.isEmpty() ? "f" + funcIndex : sanitize(wasmName);
        if (base.length() > 200) {
            base = base.substring(0, 200);
        }
        String name = base;
        if (!used.add(name)) {
            name = base + "~" + funcIndex;
            used.add(name);
        }
        return name;
    }

    static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '.': b.append('\u00B7'); break;
                case ';': b.append('\u037E'); break;
                case '[': b.append('\uFF3B'); break;
                case '/': b.append('\u2215'); break;
                case '<': b.append('\u2039'); break;
                case '>': b.append('\u203A'); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
