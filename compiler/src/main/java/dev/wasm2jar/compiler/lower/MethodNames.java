package dev.wasm2jar.compiler.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each function lives on the JVM, chosen so that a JVM stack trace reads like the wasm one.
 *
 * <p>A name with a package path, as Go gives every function ({@code fmt.Fprintln},
 * {@code encoding/json.(*decodeState).object}), becomes a method of a class named after the
 * package, next to the module class: {@code wasm2jar/generated/fmt} with method
 * {@code Fprintln}, so the frame reads {@code wasm2jar.generated.fmt.Fprintln}. The package is
 * everything before the first {@code .} after the last {@code /}, as in Go's symbol names.
 * Functions without one go in the module class, or in code classes {@code <Module>$Code<k>}
 * when there are more than {@link #FUNCTIONS_PER_CLASS}. A class holds at most that many
 * functions; a larger package continues in {@code fmt$1}, {@code fmt$2}, ….
 *
 * <p>The JVM forbids {@code . ; [ /} (and in methods {@code < >}) in a name; each becomes a
 * look-alike character ({@code .} becomes U+00B7 MIDDLE DOT), so a method {@code (*T).String}
 * shows as {@code (*T)·String}. Duplicates within a class get a {@code ~index} suffix.
 */
public final class MethodNames {
    /**
     * Functions per generated class: a class's constant pool holds 65535 entries, and each
     * function and each callee it names takes a few.
     */
    static final int FUNCTIONS_PER_CLASS = 256;

    /** A function's class (internal name) and method name. */
    public static final class Place {
        public final String owner;
        public final String method;

        Place(String owner, String method) {
            this.owner = owner;
            this.method = method;
        }
    }

    private MethodNames() {}

    /**
     * Places the functions whose wasm names (null: none) are given, in function order.
     *
     * @param className the module class, whose package the package classes share
     */
    public static List<Place> assign(String className, List<String> wasmNames, int firstIndex) {
        int slash = className.lastIndexOf('/');
        String prefix = slash >= 0 ? className.substring(0, slash + 1) : className + "/";
        int unpackaged = 0;
        String[][] split = new String[wasmNames.size()][];
        for (int i = 0; i < split.length; i++) {
            split[i] = splitPackage(wasmNames.get(i));
            if (split[i] == null) {
                unpackaged++;
            }
        }
        Map<String, Integer> filled = new HashMap<>(); // functions per package so far
        Map<String, Set<String>> used = new HashMap<>(); // method names per class
        int loose = 0;
        List<Place> places = new ArrayList<>(split.length);
        for (int i = 0; i < split.length; i++) {
            int funcIndex = firstIndex + i;
            String owner;
            String base;
            if (split[i] == null) {
                owner = unpackaged <= FUNCTIONS_PER_CLASS ? className : className + "$Code" + (loose / FUNCTIONS_PER_CLASS);
                loose++;
                String wasmName = wasmNames.get(i);
                base = wasmName == null || wasmName.isEmpty() ? "f" + funcIndex : sanitize(wasmName);
            } else {
                String pkgClass = prefix + classPath(split[i][0]);
                if (pkgClass.equals(className) || pkgClass.startsWith(className + "$")) {
                    pkgClass += "$pkg"; // a package named like the module class
                }
                int n = filled.merge(pkgClass, 1, Integer::sum) - 1;
                owner = n < FUNCTIONS_PER_CLASS ? pkgClass : pkgClass + "$" + (n / FUNCTIONS_PER_CLASS);
                base = sanitize(split[i][1]);
            }
            if (base.length() > 200) {
                base = base.substring(0, 200);
            }
            Set<String> names = used.computeIfAbsent(owner, k -> new HashSet<>());
            String name = base;
            if (!names.add(name)) {
                name = base + "~" + funcIndex;
                names.add(name);
            }
            places.add(new Place(owner, name));
        }
        return places;
    }

    /**
     * {package path, rest} of a Go-style symbol, or null when it has none: the package ends at
     * the first {@code .} after the last {@code /}, and neither part may be empty, nor any
     * segment of the path.
     */
    static String[] splitPackage(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.indexOf('.', name.lastIndexOf('/') + 1);
        if (dot <= 0 || dot == name.length() - 1) {
            return null;
        }
        String pkg = name.substring(0, dot);
        for (String segment : pkg.split("/", -1)) {
            if (segment.isEmpty()) {
                return null;
            }
        }
        return new String[] {pkg, name.substring(dot + 1)};
    }

    /** A package path as class path segments: '/' stays the separator, the rest as in {@link #sanitize}. */
    static String classPath(String pkg) {
        StringBuilder b = new StringBuilder(pkg.length());
        for (String segment : pkg.split("/", -1)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(sanitize(segment));
        }
        return b.toString();
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
