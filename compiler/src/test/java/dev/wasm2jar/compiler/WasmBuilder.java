package dev.wasm2jar.compiler;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Writes small WebAssembly binaries for tests that need modules too large to commit. */
final class WasmBuilder {
    static final int I32 = 0x7F;
    static final int I64 = 0x7E;

    private final List<byte[]> types = new ArrayList<>();
    private final List<Integer> funcTypes = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private int tableSize = -1;
    private boolean memory;

    /** A code sequence being written: opcodes and LEB128 immediates. */
    static final class Code {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Code op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Code u(long v) {
            do {
                int b = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? b | 0x80 : b);
            } while (v != 0);
            return this;
        }

        Code s(long v) {
            boolean more = true;
            while (more) {
                int b = (int) (v & 0x7F);
                v >>= 7;
                more = !((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0));
                out.write(more ? b | 0x80 : b);
            }
            return this;
        }

        Code i32Const(int v) {
            return op(0x41).s(v);
        }

        Code localGet(int i) {
            return op(0x20).u(i);
        }

        Code localSet(int i) {
            return op(0x21).u(i);
        }

        Code call(int f) {
            return op(0x10).u(f);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    int type(int[] params, int[] results) {
        Code c = new Code().op(0x60).u(params.length);
        for (int p : params) {
            c.op(p);
        }
        c.u(results.length);
        for (int r : results) {
            c.op(r);
        }
        types.add(c.bytes());
        return types.size() - 1;
    }

    /** Adds a function; {@code i32Locals} extra i32 locals; {@code body} ends with its own END. */
    int function(int type, int i32Locals, Code body) {
        Code c = new Code();
        if (i32Locals > 0) {
            c.u(1).u(i32Locals).op(I32);
        } else {
            c.u(0);
        }
        c.op(toInts(body.bytes()));
        funcTypes.add(type);
        bodies.add(c.bytes());
        return funcTypes.size() - 1;
    }

    void exportFunction(String name, int f) {
        Code c = new Code();
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        c.u(n.length).op(toInts(n)).op(0x00).u(f);
        exports.add(c.bytes());
    }

    /** Exports memory 0 (declare it with {@link #memory()}). */
    void exportMemory(String name) {
        Code c = new Code();
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        c.u(n.length).op(toInts(n)).op(0x02).u(0);
        exports.add(c.bytes());
    }

    void table(int size) {
        tableSize = size;
    }

    void memory() {
        memory = true;
    }

    private static int[] toInts(byte[] b) {
        int[] r = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] & 0xFF;
        }
        return r;
    }

    private static void section(ByteArrayOutputStream out, int id, List<byte[]> items) {
        Code content = new Code().u(items.size());
        for (byte[] item : items) {
            content.op(toInts(item));
        }
        byte[] b = content.bytes();
        out.write(id);
        Code len = new Code().u(b.length);
        out.writeBytes(len.bytes());
        out.writeBytes(b);
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, types);
        List<byte[]> fs = new ArrayList<>();
        for (int t : funcTypes) {
            fs.add(new Code().u(t).bytes());
        }
        section(out, 3, fs);
        if (tableSize >= 0) {
            section(out, 4, List.of(new Code().op(0x70, 0x00).u(tableSize).bytes()));
        }
        if (memory) {
            section(out, 5, List.of(new Code().op(0x00).u(1).bytes()));
        }
        section(out, 7, exports);
        if (tableSize >= 0) {
            // elem: table 0 at offset 0 holds functions 0..tableSize-1
            Code e = new Code().op(0x00).i32Const(0).op(0x0B).u(tableSize);
            for (int i = 0; i < tableSize; i++) {
                e.u(i);
            }
            section(out, 9, List.of(e.bytes()));
        }
        List<byte[]> code = new ArrayList<>();
        for (byte[] body : bodies) {
            code.add(new Code().u(body.length).op(toInts(body)).bytes());
        }
        section(out, 10, code);
        return out.toByteArray();
    }
}
