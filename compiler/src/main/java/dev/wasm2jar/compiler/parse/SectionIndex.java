package dev.wasm2jar.compiler.parse;

/**
 * Where the sections wasm2jar decodes itself lie in the binary, recorded by {@link BinaryFraming}
 * as it checks the framing: each function body (offset and size) and the data section.
 * {@link CodeDecoder} decodes both from here; Chicory sees the module without them
 * ({@link #forChicory}); {@code wasm2jar inspect} reports the bodies' sizes.
 */
public final class SectionIndex {
    static final int CODE_SECTION = 10;
    static final int DATA_SECTION = 11;
    static final int DATA_COUNT_SECTION = 12;

    /** Offset of each defined function's body (after its size prefix), in definition order. */
    public final int[] offsets;
    /** Size in bytes of each defined function's body (locals and instructions). */
    public final int[] sizes;

    /** The code, data and data count sections as the framing found them; null when absent. */
    final BinaryFraming.Span code;
    final BinaryFraming.Span data;
    final BinaryFraming.Span dataCountSection;
    /** The count the data count section declares; -1 when there is none. */
    final long dataCount;

    SectionIndex(int[] offsets, int[] sizes, BinaryFraming.Span code, BinaryFraming.Span data,
            BinaryFraming.Span dataCountSection, long dataCount) {
        this.offsets = offsets;
        this.sizes = sizes;
        this.code = code;
        this.data = data;
        this.dataCountSection = dataCountSection;
        this.dataCount = dataCount;
    }

    /**
     * The module as Chicory is given it: every function body replaced by an empty one
     * ({@code 02 00 0b}: no locals, {@code end}), and neither data nor data count section (Chicory
     * checks that those two agree); the rest of the bytes are kept, later sections shift.
     * (Decoding Go hello's 28,333 data segments was a third of Chicory's share of a compile.)
     */
    byte[] forChicory(byte[] wasm) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(wasm.length);
        int copied = 0;
        // in file order, as BinaryFraming checked it: data count, code, data
        if (dataCountSection != null) {
            out.write(wasm, copied, dataCountSection.start - copied);
            copied = dataCountSection.end;
        }
        if (code != null) {
            int n = sizes.length;
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(3 * n + 5);
            leb(body, n);
            for (int i = 0; i < n; i++) {
                body.write(0x02);
                body.write(0x00);
                body.write(0x0B);
            }
            out.write(wasm, copied, code.start - copied);
            out.write(CODE_SECTION);
            leb(out, body.size());
            out.write(body.toByteArray(), 0, body.size());
            copied = code.end;
        }
        if (data != null) {
            out.write(wasm, copied, data.start - copied);
            copied = data.end;
        }
        out.write(wasm, copied, wasm.length - copied);
        return out.toByteArray();
    }

    private static void leb(java.io.ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }
}
