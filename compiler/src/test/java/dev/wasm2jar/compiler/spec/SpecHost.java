package dev.wasm2jar.compiler.spec;

import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.HostFunction;
import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.Table;
import dev.wasm2jar.runtime.ValType;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code spectest} host module of the spec's reference interpreter, plus the modules a test
 * script registers under a name.
 */
final class SpecHost {
    private final Map<String, Instance> registered = new LinkedHashMap<>();
    private final Memory memory = new Memory(1, 2);
    private final Table table = new Table(ValType.FUNCREF, 10, 20);
    private final Global globalI32 = Global.ofI32(666, false);
    private final Global globalI64 = Global.ofI64(666, false);
    private final Global globalF32 = Global.ofF32(666.6f, false);
    private final Global globalF64 = Global.ofF64(666.6, false);
    void register(String as, Instance instance) {
        registered.put(as, instance);
    }

    Imports imports() {
        Imports imports = new Imports();
        addSpectest(imports);
        for (Map.Entry<String, Instance> e : registered.entrySet()) {
            imports.register(e.getKey(), e.getValue());
        }
        return imports;
    }

    private void addSpectest(Imports into) {
        String module = "spectest";
        into.add(module, "global_i32", globalI32);
        into.add(module, "global_i64", globalI64);
        into.add(module, "global_f32", globalF32);
        into.add(module, "global_f64", globalF64);
        into.add(module, "table", table);
        into.add(module, "memory", memory);
        for (String[] p : new String[][] {{"print"}, {"print_i32", "I32"}, {"print_i64", "I64"}, {"print_f32", "F32"},
                {"print_f64", "F64"}, {"print_i32_f32", "I32", "F32"}, {"print_f64_f64", "F64", "F64"}}) {
            ValType[] params = new ValType[p.length - 1];
            for (int i = 1; i < p.length; i++) {
                params[i - 1] = ValType.valueOf(p[i]);
            }
            FuncType t = new FuncType(params, new ValType[0]);
            into.add(new HostFunction(module, p[0], t, MethodHandles.empty(t.methodType())));
        }
    }
}
