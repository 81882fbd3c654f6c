package dev.wasm2jar.compiler.parse;

/**
 * Where each function body lies in the binary: its byte offset and size, read straight from the
 * code section's framing. Used to report sizes ({@code wasm2jar inspect}) and positions in
 * messages; the bodies themselves are decoded by Chicory.
 */
public final class CodeSectionIndex {
    private static final int CODE_SECTION = 10;

    /** Offset of each defined function's body (after its size prefix), in definition order. */
    public final int[] offsets;
    /** Size in bytes of each defined function's body (locals and instructions). */
    public final int[] sizes;

    private CodeSectionIndex(int[] offsets, int[] sizes) {
        this.offsets = offsets;
        this.sizes = sizes;
    }

    /** Scans a module that has already been parsed successfully; an absent code section gives no bodies. */
    static CodeSectionIndex scan(byte[] wasm) {
        int[] pos = {8};
        while (pos[0] < wasm.length) {
            int id = wasm[pos[0]++] & 0xFF;
            int size = (int) leb(wasm, pos);
            int end = pos[0] + size;
            if (id == CODE_SECTION) {
                int count = (int) leb(wasm, pos);
                int[] offsets = new int[count];
                int[] sizes = new int[count];
                for (int i = 0; i < count; i++) {
                    sizes[i] = (int) leb(wasm, pos);
                    offsets[i] = pos[0];
                    pos[0] += sizes[i];
                }
                return new CodeSectionIndex(offsets, sizes);
            }
            pos[0] = end;
        }
        return new CodeSectionIndex(new int[0], new int[0]);
    }

    private static long leb(byte[] b, int[] pos) {
        long result = 0;
        int shift = 0;
        while (true) {
            int x = b[pos[0]++] & 0xFF;
            result |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
    }
}
