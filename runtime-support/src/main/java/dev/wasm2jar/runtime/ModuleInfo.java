package dev.wasm2jar.runtime;

import java.util.List;

/**
 * Everything about a compiled module that instantiation needs besides its code: imports,
 * exports, the shape of its memories, tables and globals, and its segments. The compiler fills
 * it; {@link Instantiator} reads it. It is plain data so that it can be stored next to the
 * generated classes.
 *
 * <p>Naming contract with the generated class: imported function {@code i} is the field
 * {@code f<i>} (a {@link FuncRef}); memory {@code i} is {@code m<i>}; table {@code i} is
 * {@code t<i>}; global {@code i} is {@code g<i>}, a {@link Global} when {@link GlobalDef#boxed},
 * else a primitive or reference field.
 */
public final class ModuleInfo {
    public enum Kind { FUNCTION, TABLE, MEMORY, GLOBAL }

    /** An import. {@code typeIndex} is used by functions; the limits by memories and tables. */
    public static final class ImportDef {
        public final String module;
        public final String name;
        public final Kind kind;
        public final int typeIndex;
        public final ValType valType; // table element type or global type
        public final boolean mutable; // globals
        public final long min;
        public final long max; // -1: none

        public ImportDef(String module, String name, Kind kind, int typeIndex, ValType valType, boolean mutable,
                long min, long max) {
            this.module = module;
            this.name = name;
            this.kind = kind;
            this.typeIndex = typeIndex;
            this.valType = valType;
            this.mutable = mutable;
            this.min = min;
            this.max = max;
        }

        public String describe() {
            return module + "." + name;
        }
    }

    public static final class ExportDef {
        public final String name;
        public final Kind kind;
        public final int index;

        public ExportDef(String name, Kind kind, int index) {
            this.name = name;
            this.kind = kind;
            this.index = index;
        }
    }

    /** A function defined in the module (imports excluded). */
    public static final class FunctionDef {
        public final int typeIndex;
        /** Internal name of the class holding the static method. */
        public final String owner;
        public final String methodName;
        /** The wasm name (name section) or a synthesized one. */
        public final String debugName;

        public FunctionDef(int typeIndex, String owner, String methodName, String debugName) {
            this.typeIndex = typeIndex;
            this.owner = owner;
            this.methodName = methodName;
            this.debugName = debugName;
        }
    }

    public static final class MemoryDef {
        public final int min;
        public final int max; // -1: none

        public MemoryDef(int min, int max) {
            this.min = min;
            this.max = max;
        }
    }

    public static final class TableDef {
        public final ValType elementType;
        public final long min;
        public final long max; // -1: none

        public TableDef(ValType elementType, long min, long max) {
            this.elementType = elementType;
            this.min = min;
            this.max = max;
        }
    }

    public static final class GlobalDef {
        public final ValType type;
        public final boolean mutable;
        public final ConstExpr init;
        /** Exported globals live in a shared {@link Global} box; the others are plain fields. */
        public final boolean boxed;

        public GlobalDef(ValType type, boolean mutable, ConstExpr init, boolean boxed) {
            this.type = type;
            this.mutable = mutable;
            this.init = init;
            this.boxed = boxed;
        }
    }

    public enum SegmentMode { ACTIVE, PASSIVE, DECLARATIVE }

    public static final class ElemDef {
        public final SegmentMode mode;
        public final int tableIndex;
        public final ConstExpr offset;
        public final ValType type;
        public final ConstExpr[] items;

        public ElemDef(SegmentMode mode, int tableIndex, ConstExpr offset, ValType type, ConstExpr[] items) {
            this.mode = mode;
            this.tableIndex = tableIndex;
            this.offset = offset;
            this.type = type;
            this.items = items;
        }
    }

    public static final class DataDef {
        public final SegmentMode mode;
        public final int memoryIndex;
        public final ConstExpr offset;
        public final byte[] bytes;

        public DataDef(SegmentMode mode, int memoryIndex, ConstExpr offset, byte[] bytes) {
            this.mode = mode;
            this.memoryIndex = memoryIndex;
            this.offset = offset;
            this.bytes = bytes;
        }
    }

    public final String className;
    public final List<FuncType> types;
    public final List<ImportDef> imports;
    public final List<FunctionDef> functions;
    public final List<MemoryDef> memories;
    public final List<TableDef> tables;
    public final List<GlobalDef> globals;
    public final List<ExportDef> exports;
    public final List<ElemDef> elems;
    public final List<DataDef> datas;
    public final int startFunction; // -1: none
    /** Signature of every function, imported ones first: the wasm function index space. */
    public final int[] functionTypes;
    public final int importedFunctions;
    public final int importedTables;
    public final int importedMemories;
    public final int importedGlobals;

    public ModuleInfo(String className, List<FuncType> types, List<ImportDef> imports, List<FunctionDef> functions,
            List<MemoryDef> memories, List<TableDef> tables, List<GlobalDef> globals, List<ExportDef> exports,
            List<ElemDef> elems, List<DataDef> datas, int startFunction) {
        this.className = className;
        this.types = List.copyOf(types);
        this.imports = List.copyOf(imports);
        this.functions = List.copyOf(functions);
        this.memories = List.copyOf(memories);
        this.tables = List.copyOf(tables);
        this.globals = List.copyOf(globals);
        this.exports = List.copyOf(exports);
        this.elems = List.copyOf(elems);
        this.datas = List.copyOf(datas);
        this.startFunction = startFunction;
        int fi = 0, ti = 0, mi = 0, gi = 0;
        for (ImportDef d : imports) {
            switch (d.kind) {
                case FUNCTION: fi++; break;
                case TABLE: ti++; break;
                case MEMORY: mi++; break;
                default: gi++; break;
            }
        }
        importedFunctions = fi;
        importedTables = ti;
        importedMemories = mi;
        importedGlobals = gi;
        functionTypes = new int[fi + functions.size()];
        int k = 0;
        for (ImportDef d : imports) {
            if (d.kind == Kind.FUNCTION) {
                functionTypes[k++] = d.typeIndex;
            }
        }
        for (FunctionDef f : functions) {
            functionTypes[k++] = f.typeIndex;
        }
    }

    private int[] typeSlots;

    /**
     * For each defined function (index minus imported functions): its position among the
     * defined functions of the same signature (types with equal parameters and results count as
     * one), in index order (see {@link FuncRef#typeSlot}).
     */
    public int[] typeSlots() {
        int[] slots = typeSlots;
        if (slots == null) {
            slots = new int[functions.size()];
            java.util.Map<String, int[]> next = new java.util.HashMap<>();
            for (int i = 0; i < slots.length; i++) {
                String key = types.get(functions.get(i).typeIndex).key();
                slots[i] = next.computeIfAbsent(key, k -> new int[1])[0]++;
            }
            typeSlots = slots;
        }
        return slots;
    }

    public FuncType functionType(int funcIndex) {
        return types.get(functionTypes[funcIndex]);
    }

    public int functionCount() {
        return functionTypes.length;
    }

    public int tableCount() {
        return importedTables + tables.size();
    }

    public int memoryCount() {
        return importedMemories + memories.size();
    }

    public int globalCount() {
        return importedGlobals + globals.size();
    }
}
