package dev.wasm2jar.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An instantiated module. Generated module classes extend it; their fields hold the memories,
 * tables, globals and imported functions, and their static methods are the wasm functions.
 *
 * <p>Return area: a function with several results returns the first as its JVM result and
 * stores the others in {@link #mvBits} (numbers as bit patterns) or {@link #mvRefs}
 * (references) of the instance that owns it, at index {@code k - 1} for result {@code k}. The
 * caller reads them back right after the call, so nothing is allocated per call.
 */
public abstract class Instance {
    public final long[] mvBits;
    public final Object[] mvRefs;
    /** Passive data segments by index; null once dropped (or after an active one is applied). */
    public byte[][] dataSegments;
    /** Element segments by index, evaluated at instantiation; null once dropped. */
    public Object[][] elemSegments;

    ModuleInfo info;
    FuncRef[] funcRefs;
    final Map<String, Object> exports = new LinkedHashMap<>();

    protected Instance(int returnAreaSize) {
        this.mvBits = new long[returnAreaSize];
        this.mvRefs = new Object[returnAreaSize];
    }

    /** {@code ref.func}: the (cached) reference to function {@code index} of {@code inst}. */
    public static FuncRef refFunc(int index, Instance inst) {
        return inst.funcRef(index);
    }

    public FuncRef funcRef(int index) {
        FuncRef f = funcRefs[index];
        if (f == null) {
            f = Instantiator.createFuncRef(this, index);
            funcRefs[index] = f;
        }
        return f;
    }

    /** The module's description, or null for a host instance. */
    public ModuleInfo info() {
        return info;
    }

    /** All exports by name: {@link FuncRef}, {@link Memory}, {@link Table} or {@link Global}. */
    public Map<String, Object> exports() {
        return Collections.unmodifiableMap(exports);
    }

    public Object export(String name) {
        Object e = exports.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no export named \"" + name + "\"");
        }
        return e;
    }

    public ExportedFunction function(String name) {
        Object e = export(name);
        if (!(e instanceof FuncRef)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a function");
        }
        return new ExportedFunction((FuncRef) e);
    }

    public Memory memory(String name) {
        Object e = export(name);
        if (!(e instanceof Memory)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a memory");
        }
        return (Memory) e;
    }

    public Table table(String name) {
        Object e = export(name);
        if (!(e instanceof Table)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a table");
        }
        return (Table) e;
    }

    public Global global(String name) {
        Object e = export(name);
        if (!(e instanceof Global)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a global");
        }
        return (Global) e;
    }
}
