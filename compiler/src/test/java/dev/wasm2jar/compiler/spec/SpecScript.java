package dev.wasm2jar.compiler.spec;

import dev.wasm2jar.compiler.CompileException;
import dev.wasm2jar.compiler.CompiledModule;
import dev.wasm2jar.compiler.Wasm2Jar;
import dev.wasm2jar.runtime.ExportedFunction;
import dev.wasm2jar.runtime.FuncRef;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.LinkException;
import dev.wasm2jar.runtime.Trap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the commands of one spec test file (wast2json output) and counts the outcomes. */
final class SpecScript {
    int passed;
    int failed;
    int skipped;
    final List<String> failures = new ArrayList<>();

    private final Path dir;
    private final String file;
    private final SpecHost host = new SpecHost();
    private final Map<String, Instance> named = new HashMap<>();
    private final Map<Long, Object> externs = new HashMap<>();
    private Instance current;

    private final int methodBudget;

    SpecScript(Path json, int methodBudget) {
        this.dir = json.getParent();
        this.file = json.getFileName().toString();
        this.methodBudget = methodBudget;
    }

    /** Host reference N of the scripts: equal N is the same object. */
    private static final class HostRef {
        final long n;

        HostRef(long n) {
            this.n = n;
        }

        @Override
        public String toString() {
            return "ref.extern " + n;
        }
    }

    @SuppressWarnings("unchecked")
    void run() throws IOException {
        Map<String, Object> root = (Map<String, Object>) Json.parse(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        for (Object o : (List<Object>) root.get("commands")) {
            Map<String, Object> cmd = (Map<String, Object>) o;
            long line = (Long) cmd.get("line");
            try {
                String outcome = command(cmd);
                if (outcome == null) {
                    passed++;
                } else if (outcome.equals("skip")) {
                    skipped++;
                } else {
                    fail(line, cmd, outcome);
                }
            } catch (Throwable t) {
                fail(line, cmd, "unexpected " + t);
            }
        }
    }

    private void fail(long line, Map<String, Object> cmd, String why) {
        failed++;
        failures.add(file.replace(".json", ".wast") + ":" + line + ": " + cmd.get("type") + ": " + why);
    }

    /** null on success, "skip", or the reason of a failure. */
    @SuppressWarnings("unchecked")
    private String command(Map<String, Object> cmd) throws IOException {
        String type = (String) cmd.get("type");
        switch (type) {
            case "module": {
                current = null;
                Instance inst = instantiate((String) cmd.get("filename"));
                current = inst;
                if (cmd.get("name") != null) {
                    named.put((String) cmd.get("name"), inst);
                }
                return null;
            }
            case "register": {
                Instance inst = cmd.get("name") != null ? named.get((String) cmd.get("name")) : current;
                if (inst == null) {
                    return "no module to register";
                }
                host.register((String) cmd.get("as"), inst);
                return null;
            }
            case "action":
                perform((Map<String, Object>) cmd.get("action"));
                return null;
            case "assert_return":
                return checkReturn((Map<String, Object>) cmd.get("action"), (List<Object>) cmd.get("expected"));
            case "assert_trap":
            case "assert_exhaustion": {
                String text = (String) cmd.get("text");
                try {
                    perform((Map<String, Object>) cmd.get("action"));
                    return "expected trap \"" + text + "\", returned normally";
                } catch (Trap t) {
                    return messageMatches(t.getMessage(), text) ? null : "expected trap \"" + text + "\", got \"" + t.getMessage() + "\"";
                }
            }
            case "assert_invalid":
            case "assert_malformed": {
                if ("text".equals(cmd.get("module_type"))) {
                    return "skip";
                }
                try {
                    compile((String) cmd.get("filename"));
                    return "module compiled, expected it rejected: " + cmd.get("text");
                } catch (CompileException e) {
                    if (e.kind() == CompileException.Kind.UNSUPPORTED) {
                        return "rejected as unsupported (" + e.getMessage() + "), expected: " + cmd.get("text");
                    }
                    return null;
                }
            }
            case "assert_unlinkable": {
                try {
                    instantiate((String) cmd.get("filename"));
                    return "module linked, expected: " + cmd.get("text");
                } catch (LinkException e) {
                    return null;
                }
            }
            case "assert_uninstantiable": {
                try {
                    instantiate((String) cmd.get("filename"));
                    return "module instantiated, expected: " + cmd.get("text");
                } catch (Trap e) {
                    return null;
                }
            }
            default:
                return "unknown command " + type;
        }
    }

    private static boolean messageMatches(String actual, String expected) {
        return actual != null && (actual.startsWith(expected) || expected.startsWith(actual));
    }

    private CompiledModule compile(String filename) throws IOException {
        return Wasm2Jar.compile(Files.readAllBytes(dir.resolve(filename)), Wasm2Jar.DEFAULT_CLASS_NAME, methodBudget);
    }

    private Instance instantiate(String filename) throws IOException {
        return compile(filename).load().instantiate(host.imports());
    }

    private Instance target(Map<String, Object> action) {
        String module = (String) action.get("module");
        Instance inst = module == null ? current : named.get(module);
        if (inst == null) {
            throw new IllegalStateException("no module " + (module == null ? "(current)" : module));
        }
        return inst;
    }

    @SuppressWarnings("unchecked")
    private Object[] perform(Map<String, Object> action) {
        Instance inst = target(action);
        String field = (String) action.get("field");
        if ("get".equals(action.get("type"))) {
            Global g = inst.global(field);
            return new Object[] {g.get()};
        }
        ExportedFunction f = inst.function(field);
        List<Object> args = (List<Object>) action.get("args");
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = argument((Map<String, Object>) args.get(i));
        }
        return f.call(a);
    }

    private Object argument(Map<String, Object> v) {
        String type = (String) v.get("type");
        String value = String.valueOf(v.get("value"));
        switch (type) {
            case "i32": return (int) Long.parseLong(value);
            case "i64": return Long.parseUnsignedLong(value);
            case "f32": return Float.intBitsToFloat((int) Long.parseLong(value));
            case "f64": return Double.longBitsToDouble(Long.parseUnsignedLong(value));
            case "externref": return value.equals("null") ? null : externs.computeIfAbsent(Long.parseLong(value), HostRef::new);
            case "funcref":
                if (value.equals("null")) {
                    return null;
                }
                throw new IllegalArgumentException("funcref argument " + value);
            default: throw new IllegalArgumentException("argument type " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private String checkReturn(Map<String, Object> action, List<Object> expected) {
        Object[] results = perform(action);
        if (results.length != expected.size()) {
            return "expected " + expected.size() + " results, got " + results.length;
        }
        for (int i = 0; i < results.length; i++) {
            Map<String, Object> e = (Map<String, Object>) expected.get(i);
            String why = compare(results[i], (String) e.get("type"), String.valueOf(e.get("value")));
            if (why != null) {
                return "result " + i + ": " + why;
            }
        }
        return null;
    }

    private String compare(Object actual, String type, String value) {
        switch (type) {
            case "i32": {
                int want = (int) Long.parseLong(value);
                return actual instanceof Integer && (Integer) actual == want ? null : "expected i32 " + want + ", got " + actual;
            }
            case "i64": {
                long want = Long.parseUnsignedLong(value);
                return actual instanceof Long && (Long) actual == want ? null : "expected i64 " + want + ", got " + actual;
            }
            case "f32": {
                if (!(actual instanceof Float)) {
                    return "expected f32, got " + actual;
                }
                int bits = Float.floatToRawIntBits((Float) actual);
                if (value.equals("nan:canonical")) {
                    return (bits & 0x7FFFFFFF) == 0x7FC00000 ? null : "expected canonical NaN, got 0x" + Integer.toHexString(bits);
                }
                if (value.equals("nan:arithmetic")) {
                    return (bits & 0x7FC00000) == 0x7FC00000 ? null : "expected arithmetic NaN, got 0x" + Integer.toHexString(bits);
                }
                int want = (int) Long.parseLong(value);
                return bits == want ? null : "expected f32 0x" + Integer.toHexString(want) + ", got 0x" + Integer.toHexString(bits);
            }
            case "f64": {
                if (!(actual instanceof Double)) {
                    return "expected f64, got " + actual;
                }
                long bits = Double.doubleToRawLongBits((Double) actual);
                if (value.equals("nan:canonical")) {
                    return (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L ? null
                            : "expected canonical NaN, got 0x" + Long.toHexString(bits);
                }
                if (value.equals("nan:arithmetic")) {
                    return (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L ? null
                            : "expected arithmetic NaN, got 0x" + Long.toHexString(bits);
                }
                long want = Long.parseUnsignedLong(value);
                return bits == want ? null : "expected f64 0x" + Long.toHexString(want) + ", got 0x" + Long.toHexString(bits);
            }
            case "externref": {
                if (value.equals("null")) {
                    return actual == null ? null : "expected null externref, got " + actual;
                }
                Object want = externs.computeIfAbsent(Long.parseLong(value), HostRef::new);
                return actual == want ? null : "expected " + want + ", got " + actual;
            }
            case "funcref": {
                if (value.equals("null")) {
                    return actual == null ? null : "expected null funcref, got " + actual;
                }
                return actual instanceof FuncRef ? null : "expected a funcref, got " + actual;
            }
            default:
                return "cannot compare type " + type;
        }
    }
}
