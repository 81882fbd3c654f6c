package dev.wasm2jar.compiler.parse;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ValType;
import java.util.List;

/**
 * The output of parsing: Chicory's syntax tree plus the index spaces (functions, tables,
 * memories, globals; imports first) translated to wasm2jar's own types, which every later stage
 * uses.
 */
public final class ParsedModule {
    public final byte[] bytes;
    public final WasmModule wasm;
    public final List<FuncType> types;
    /** Type index of every function, imported ones first. */
    public final int[] funcTypes;
    public final int importedFuncs;
    public final List<TableType> tables;
    public final int importedTables;
    public final List<Limits> memories;
    public final int importedMemories;
    public final List<GlobalType> globals;
    public final int importedGlobals;
    private final NameCustomSection names;
    private final SectionIndex sections;
    /** Decoded function bodies, defined functions in order. */
    private final CodeDecoder.Body[] bodies;
    /** The data segments, in order (decoded by wasm2jar; Chicory does not see the data section). */
    public final List<DataSegment> data;

    /** Table element type and limits. */
    public static final class TableType {
        public final ValType elementType;
        public final long min;
        public final long max;

        public TableType(ValType elementType, long min, long max) {
            this.elementType = elementType;
            this.min = min;
            this.max = max;
        }
    }

    /** Memory limits in pages; max -1 when absent. */
    public static final class Limits {
        public final long min;
        public final long max;

        public Limits(long min, long max) {
            this.min = min;
            this.max = max;
        }
    }

    public static final class GlobalType {
        public final ValType type;
        public final boolean mutable;

        public GlobalType(ValType type, boolean mutable) {
            this.type = type;
            this.mutable = mutable;
        }
    }

    /** A data segment: active (into a memory, at an offset) or passive. */
    public static final class DataSegment {
        /** The memory an active segment initializes; -1 when passive. */
        public final int memoryIndex;
        /** An active segment's offset: a constant expression, without its {@code end}; null when passive. */
        public final List<Instruction> offset;
        public final byte[] bytes;

        public DataSegment(int memoryIndex, List<Instruction> offset, byte[] bytes) {
            this.memoryIndex = memoryIndex;
            this.offset = offset;
            this.bytes = bytes;
        }

        public boolean isActive() {
            return offset != null;
        }
    }

    ParsedModule(byte[] bytes, WasmModule wasm, List<FuncType> types, int[] funcTypes, int importedFuncs,
            List<TableType> tables, int importedTables, List<Limits> memories, int importedMemories,
            List<GlobalType> globals, int importedGlobals, NameCustomSection names, SectionIndex sections,
            CodeDecoder.Body[] bodies, List<DataSegment> data) {
        this.bytes = bytes;
        this.wasm = wasm;
        this.types = types;
        this.funcTypes = funcTypes;
        this.importedFuncs = importedFuncs;
        this.tables = tables;
        this.importedTables = importedTables;
        this.memories = memories;
        this.importedMemories = importedMemories;
        this.globals = globals;
        this.importedGlobals = importedGlobals;
        this.names = names;
        this.sections = sections;
        this.bodies = bodies;
        this.data = data;
    }

    public FuncType funcType(int funcIndex) {
        return types.get(funcTypes[funcIndex]);
    }

    public int functionCount() {
        return funcTypes.length;
    }

    /** The instructions of defined function {@code funcIndex}, its final {@code end} included. */
    public List<Instruction> code(int funcIndex) {
        return bodies[funcIndex - importedFuncs].code;
    }

    /** The declared locals of defined function {@code funcIndex} (its parameters not included). */
    public ValType[] locals(int funcIndex) {
        return bodies[funcIndex - importedFuncs].locals;
    }

    /**
     * Where the module first uses a data index in code ({@code memory.init} or {@code data.drop},
     * which need a data count section), as "MEMORY_INIT at offset 0x2a in function 3 (main.f)", or
     * null when it uses none.
     */
    public String firstDataIndexUse() {
        for (int i = 0; i < bodies.length; i++) {
            Instruction use = bodies[i].firstDataIndexUse;
            if (use != null) {
                return use.opcode() + " at offset 0x" + Integer.toHexString(use.address()) + " in "
                        + describeFunction(importedFuncs + i);
            }
        }
        return null;
    }

    /** The count the data count section declares, or -1 when the module has none. */
    public long dataCount() {
        return sections.dataCount;
    }

    /** Offsets and sizes of the function bodies in {@link #bytes}, and where the data section is. */
    public SectionIndex sections() {
        return sections;
    }

    /** The function's name from the name section, or null. */
    public String functionName(int funcIndex) {
        return functionName(funcIndex, names);
    }

    private static String functionName(int funcIndex, NameCustomSection names) {
        if (names == null) {
            return null;
        }
        try {
            return names.nameOfFunction(funcIndex);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** As {@link #describeFunction(int)}, for the parser, before the module is assembled. */
    static String describeFunction(int funcIndex, NameCustomSection names) {
        String n = functionName(funcIndex, names);
        return n == null ? "function " + funcIndex : "function " + funcIndex + " (" + n + ")";
    }

    /** "function 12 (main.main)" or "function 12", for messages. */
    public String describeFunction(int funcIndex) {
        return describeFunction(funcIndex, names);
    }

    public ModuleInfo.Kind kindOf(com.dylibso.chicory.wasm.types.ExternalType t) {
        switch (t) {
            case FUNCTION: return ModuleInfo.Kind.FUNCTION;
            case TABLE: return ModuleInfo.Kind.TABLE;
            case MEMORY: return ModuleInfo.Kind.MEMORY;
            case GLOBAL: return ModuleInfo.Kind.GLOBAL;
            default: throw new IllegalArgumentException(String.valueOf(t));
        }
    }
}
