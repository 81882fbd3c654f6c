package dev.wasm2jar.runtime;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Instantiates a compiled module: links imports, creates memories, tables and globals, applies
 * element and data segments, and runs the start function, in the order the spec gives.
 * Reflection is used only here, once per instance; generated code never reflects.
 */
public final class Instantiator {
    private Instantiator() {}

    /**
     * @param moduleClass the generated class (extends {@link Instance}, public no-arg constructor)
     * @param info its description
     * @param imports what the module may import
     * @param maxMemoryPages a cap on memories this instance creates (pages); Memory.IMPL_MAX_PAGES for none
     */
    public static Instance instantiate(Class<? extends Instance> moduleClass, ModuleInfo info, Imports imports,
            int maxMemoryPages) {
        Instance inst;
        try {
            inst = moduleClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + moduleClass.getName(), e);
        }
        inst.info = info;
        inst.funcRefs = new FuncRef[info.functionCount()];
        Class<?> c = moduleClass;

        // 1. imports
        int fi = 0, ti = 0, mi = 0, gi = 0;
        for (ModuleInfo.ImportDef d : info.imports) {
            Object v = imports.lookup(d.module, d.name);
            if (v == null) {
                throw new LinkException("unknown import: " + d.describe());
            }
            switch (d.kind) {
                case FUNCTION: {
                    if (!(v instanceof FuncRef)) {
                        throw incompatible(d, "expected a function");
                    }
                    FuncRef f = (FuncRef) v;
                    FuncType want = info.types.get(d.typeIndex);
                    if (!f.type.equals(want)) {
                        throw incompatible(d, "function type " + f.type + ", expected " + want);
                    }
                    inst.funcRefs[fi] = f;
                    set(c, inst, "f" + fi, f);
                    fi++;
                    break;
                }
                case TABLE: {
                    if (!(v instanceof Table)) {
                        throw incompatible(d, "expected a table");
                    }
                    Table t = (Table) v;
                    if (t.elementType() != d.valType || !limitsMatch(t.size(), t.declaredMax(), d.min, d.max)) {
                        throw incompatible(d, "table type mismatch");
                    }
                    set(c, inst, "t" + ti++, t);
                    break;
                }
                case MEMORY: {
                    if (!(v instanceof Memory)) {
                        throw incompatible(d, "expected a memory");
                    }
                    Memory m = (Memory) v;
                    if (!limitsMatch(m.pages(), m.declaredMaxPages(), d.min, d.max)) {
                        throw incompatible(d, "memory limits mismatch");
                    }
                    set(c, inst, "m" + mi++, m);
                    break;
                }
                default: {
                    if (!(v instanceof Global)) {
                        throw incompatible(d, "expected a global");
                    }
                    Global g = (Global) v;
                    if (g.type() != d.valType || g.isMutable() != d.mutable) {
                        throw incompatible(d, "global type mismatch");
                    }
                    set(c, inst, "g" + gi++, g);
                    break;
                }
            }
        }

        // 2. memories and tables
        for (int i = 0; i < info.memories.size(); i++) {
            ModuleInfo.MemoryDef md = info.memories.get(i);
            set(c, inst, "m" + (info.importedMemories + i), new Memory(md.min, md.max, maxMemoryPages));
        }
        for (int i = 0; i < info.tables.size(); i++) {
            ModuleInfo.TableDef td = info.tables.get(i);
            set(c, inst, "t" + (info.importedTables + i), new Table(td.elementType, (int) td.min, td.max));
        }

        // 3. globals, in order (an initializer may read an imported global)
        for (int i = 0; i < info.globals.size(); i++) {
            ModuleInfo.GlobalDef gd = info.globals.get(i);
            int index = info.importedGlobals + i;
            Object value = eval(inst, gd.init, gd.type);
            if (gd.boxed) {
                Global g = new Global(gd.type, gd.mutable);
                store(g, gd.type, value);
                set(c, inst, "g" + index, g);
            } else {
                set(c, inst, "g" + index, value);
            }
        }

        // 4. exports
        for (ModuleInfo.ExportDef e : info.exports) {
            Object v;
            switch (e.kind) {
                case FUNCTION: v = inst.funcRef(e.index); break;
                case TABLE: v = get(c, inst, "t" + e.index); break;
                case MEMORY: v = get(c, inst, "m" + e.index); break;
                default: v = get(c, inst, "g" + e.index); break;
            }
            inst.exports.put(e.name, v);
        }

        // 5. segments: evaluate all, then apply active element segments, then active data
        inst.elemSegments = new Object[info.elems.size()][];
        for (int i = 0; i < info.elems.size(); i++) {
            ModuleInfo.ElemDef ed = info.elems.get(i);
            Object[] items = new Object[ed.items.length];
            for (int k = 0; k < items.length; k++) {
                items[k] = eval(inst, ed.items[k], ed.type);
            }
            inst.elemSegments[i] = items;
        }
        inst.dataSegments = new byte[info.datas.size()][];
        for (int i = 0; i < info.datas.size(); i++) {
            inst.dataSegments[i] = info.datas.get(i).bytes;
        }
        // Fields looked up once, not per segment (a Go program has tens of thousands).
        Table[] tableFields = new Table[info.tableCount()];
        for (int i = 0; i < tableFields.length; i++) {
            tableFields[i] = (Table) get(c, inst, "t" + i);
        }
        Memory[] memoryFields = new Memory[info.memoryCount()];
        for (int i = 0; i < memoryFields.length; i++) {
            memoryFields[i] = (Memory) get(c, inst, "m" + i);
        }
        try {
            for (int i = 0; i < info.elems.size(); i++) {
                ModuleInfo.ElemDef ed = info.elems.get(i);
                if (ed.mode == ModuleInfo.SegmentMode.ACTIVE) {
                    Table t = tableFields[ed.tableIndex];
                    int offset = (Integer) eval(inst, ed.offset, ValType.I32);
                    t.init(offset, inst.elemSegments[i], 0, inst.elemSegments[i].length);
                }
                if (ed.mode != ModuleInfo.SegmentMode.PASSIVE) {
                    inst.elemSegments[i] = null;
                }
            }
            for (int i = 0; i < info.datas.size(); i++) {
                ModuleInfo.DataDef dd = info.datas.get(i);
                if (dd.mode == ModuleInfo.SegmentMode.ACTIVE) {
                    Memory m = memoryFields[dd.memoryIndex];
                    int offset = dd.offset.kind == ConstExpr.Kind.I32_CONST ? (int) dd.offset.value
                            : (Integer) eval(inst, dd.offset, ValType.I32);
                    Memory.init(offset, 0, dd.bytes.length, dd.bytes, m);
                    inst.dataSegments[i] = null;
                }
            }
            // 6. start
            if (info.startFunction >= 0) {
                new ExportedFunction(inst.funcRef(info.startFunction)).call();
            }
        } catch (StackOverflowError e) {
            throw Trap.callStackExhausted(e);
        }
        return inst;
    }

    private static LinkException incompatible(ModuleInfo.ImportDef d, String why) {
        return new LinkException("incompatible import type: " + d.describe() + ": " + why);
    }

    /** Import subtyping of limits: at least the wanted minimum, and a maximum within the wanted one. */
    private static boolean limitsMatch(long haveMin, long haveMax, long wantMin, long wantMax) {
        if (Long.compareUnsigned(haveMin, wantMin) < 0) {
            return false;
        }
        if (wantMax < 0) {
            return true;
        }
        return haveMax >= 0 && Long.compareUnsigned(haveMax, wantMax) <= 0;
    }

    static Object eval(Instance inst, ConstExpr e, ValType type) {
        switch (e.kind) {
            case I32_CONST: return (int) e.value;
            case I64_CONST: return e.value;
            case F32_CONST: return Float.intBitsToFloat((int) e.value);
            case F64_CONST: return Double.longBitsToDouble(e.value);
            case REF_NULL: return null;
            case REF_FUNC: return inst.funcRef((int) e.value);
            default: {
                Object g = get(inst.getClass(), inst, "g" + e.value);
                if (g instanceof Global) {
                    return ((Global) g).get();
                }
                return g;
            }
        }
    }

    private static void store(Global g, ValType t, Object value) {
        switch (t) {
            case I32: g.bits = (Integer) value; break;
            case I64: g.bits = (Long) value; break;
            case F32: g.bits = Float.floatToRawIntBits((Float) value); break;
            case F64: g.bits = Double.doubleToRawLongBits((Double) value); break;
            default: g.ref = value; break;
        }
    }

    private static void set(Class<?> c, Instance inst, String field, Object value) {
        try {
            Field f = c.getField(field);
            f.set(inst, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class lacks field " + field, e);
        }
    }

    private static Object get(Class<?> c, Instance inst, String field) {
        try {
            return c.getField(field).get(inst);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated class lacks field " + field, e);
        }
    }

    /** A reference to a function defined by {@code inst}'s module (imports are resolved at link time). */
    static FuncRef createFuncRef(Instance inst, int index) {
        ModuleInfo info = inst.info;
        ModuleInfo.FunctionDef fd = info.functions.get(index - info.importedFunctions);
        FuncType type = info.types.get(fd.typeIndex);
        return new FuncRef(type, () -> {
            try {
                Class<?> owner = Class.forName(fd.owner.replace('/', '.'), false, inst.getClass().getClassLoader());
                MethodType mt = type.methodType().appendParameterTypes(inst.getClass());
                MethodHandle mh = MethodHandles.publicLookup().findStatic(owner, fd.methodName, mt);
                return MethodHandles.insertArguments(mh, type.paramCount(), inst);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot find the method of function " + index + " (" + fd.debugName + ")", e);
            }
        }, inst, fd.debugName, info.typeSlots()[index - info.importedFunctions]);
    }

}
