package dev.wasm2jar.runtime;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a {@link ModuleInfo} (data segments included) in a compact binary form, the resource a
 * packaged module is instantiated from. Data segments travel here rather than in class-file
 * constants: a Go program has tens of thousands of them, and a class's constant pool is small.
 */
public final class ModuleInfoIO {
    private static final int MAGIC = 0x77326A31; // "w2j1"

    private ModuleInfoIO() {}

    public static void write(ModuleInfo info, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(MAGIC);
        out.writeUTF(info.className);
        out.writeInt(info.types.size());
        for (FuncType t : info.types) {
            out.writeUTF(t.key());
        }
        out.writeInt(info.imports.size());
        for (ModuleInfo.ImportDef d : info.imports) {
            writeString(out, d.module);
            writeString(out, d.name);
            out.writeByte(d.kind.ordinal());
            out.writeInt(d.typeIndex);
            out.writeByte(d.valType == null ? -1 : d.valType.ordinal());
            out.writeBoolean(d.mutable);
            out.writeLong(d.min);
            out.writeLong(d.max);
        }
        out.writeInt(info.functions.size());
        for (ModuleInfo.FunctionDef f : info.functions) {
            out.writeInt(f.typeIndex);
            out.writeUTF(f.owner);
            writeString(out, f.methodName);
            writeString(out, f.debugName);
        }
        out.writeInt(info.memories.size());
        for (ModuleInfo.MemoryDef m : info.memories) {
            out.writeInt(m.min);
            out.writeInt(m.max);
        }
        out.writeInt(info.tables.size());
        for (ModuleInfo.TableDef t : info.tables) {
            out.writeByte(t.elementType.ordinal());
            out.writeLong(t.min);
            out.writeLong(t.max);
        }
        out.writeInt(info.globals.size());
        for (ModuleInfo.GlobalDef g : info.globals) {
            out.writeByte(g.type.ordinal());
            out.writeBoolean(g.mutable);
            writeExpr(out, g.init);
            out.writeBoolean(g.boxed);
        }
        out.writeInt(info.exports.size());
        for (ModuleInfo.ExportDef e : info.exports) {
            writeString(out, e.name);
            out.writeByte(e.kind.ordinal());
            out.writeInt(e.index);
        }
        out.writeInt(info.elems.size());
        for (ModuleInfo.ElemDef e : info.elems) {
            out.writeByte(e.mode.ordinal());
            out.writeInt(e.tableIndex);
            writeExpr(out, e.offset);
            out.writeByte(e.type.ordinal());
            out.writeInt(e.items.length);
            for (ConstExpr item : e.items) {
                writeExpr(out, item);
            }
        }
        out.writeInt(info.datas.size());
        for (ModuleInfo.DataDef d : info.datas) {
            out.writeByte(d.mode.ordinal());
            out.writeInt(d.memoryIndex);
            writeExpr(out, d.offset);
            out.writeInt(d.bytes.length);
            out.write(d.bytes);
        }
        out.writeInt(info.startFunction);
        out.flush();
    }

    public static ModuleInfo read(InputStream is) throws IOException {
        // All bytes first, then a stream over them without the locking of BufferedInputStream or
        // ByteArrayInputStream: this runs once at start-up, interpreted, over ~28,000 segments.
        DataInputStream in = new DataInputStream(new Bytes(is.readAllBytes()));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a wasm2jar module description");
        }
        String className = in.readUTF();
        List<FuncType> types = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            types.add(FuncType.fromKey(in.readUTF()));
        }
        ValType[] vts = ValType.values();
        ModuleInfo.Kind[] kinds = ModuleInfo.Kind.values();
        ModuleInfo.SegmentMode[] modes = ModuleInfo.SegmentMode.values();
        List<ModuleInfo.ImportDef> imports = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            String module = readString(in);
            String name = readString(in);
            ModuleInfo.Kind kind = kinds[in.readByte()];
            int typeIndex = in.readInt();
            int vt = in.readByte();
            boolean mutable = in.readBoolean();
            long min = in.readLong();
            long max = in.readLong();
            imports.add(new ModuleInfo.ImportDef(module, name, kind, typeIndex, vt < 0 ? null : vts[vt], mutable, min, max));
        }
        List<ModuleInfo.FunctionDef> functions = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            functions.add(new ModuleInfo.FunctionDef(in.readInt(), in.readUTF(), readString(in), readString(in)));
        }
        List<ModuleInfo.MemoryDef> memories = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            memories.add(new ModuleInfo.MemoryDef(in.readInt(), in.readInt()));
        }
        List<ModuleInfo.TableDef> tables = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            tables.add(new ModuleInfo.TableDef(vts[in.readByte()], in.readLong(), in.readLong()));
        }
        List<ModuleInfo.GlobalDef> globals = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            ValType t = vts[in.readByte()];
            boolean mutable = in.readBoolean();
            ConstExpr init = readExpr(in);
            globals.add(new ModuleInfo.GlobalDef(t, mutable, init, in.readBoolean()));
        }
        List<ModuleInfo.ExportDef> exports = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            exports.add(new ModuleInfo.ExportDef(readString(in), kinds[in.readByte()], in.readInt()));
        }
        List<ModuleInfo.ElemDef> elems = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            ModuleInfo.SegmentMode mode = modes[in.readByte()];
            int table = in.readInt();
            ConstExpr offset = readExpr(in);
            ValType t = vts[in.readByte()];
            ConstExpr[] items = new ConstExpr[in.readInt()];
            for (int k = 0; k < items.length; k++) {
                items[k] = readExpr(in);
            }
            elems.add(new ModuleInfo.ElemDef(mode, table, offset, t, items));
        }
        List<ModuleInfo.DataDef> datas = new ArrayList<>();
        for (int n = in.readInt(), i = 0; i < n; i++) {
            ModuleInfo.SegmentMode mode = modes[in.readByte()];
            int memory = in.readInt();
            ConstExpr offset = readExpr(in);
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            datas.add(new ModuleInfo.DataDef(mode, memory, offset, bytes));
        }
        int start = in.readInt();
        return new ModuleInfo(className, types, imports, functions, memories, tables, globals, exports, elems, datas, start);
    }

    /** An unsynchronized stream over an array. */
    private static final class Bytes extends InputStream {
        private final byte[] b;
        private int pos;

        Bytes(byte[] b) {
            this.b = b;
        }

        @Override
        public int read() {
            return pos < b.length ? b[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] dst, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= b.length) {
                return -1;
            }
            int n = Math.min(len, b.length - pos);
            System.arraycopy(b, pos, dst, off, n);
            pos += n;
            return n;
        }
    }

    /** Strings of any length (writeUTF stops at 64 KB; wasm names have no such limit). */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void writeExpr(DataOutputStream out, ConstExpr e) throws IOException {
        if (e == null) {
            out.writeByte(-1);
            return;
        }
        out.writeByte(e.kind.ordinal());
        out.writeLong(e.value);
    }

    private static ConstExpr readExpr(DataInputStream in) throws IOException {
        int k = in.readByte();
        if (k < 0) {
            return null;
        }
        return new ConstExpr(ConstExpr.Kind.values()[k], in.readLong());
    }
}
