package dev.wasm2jar.compiler.emit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the bytecode length of each method straight from a class file: the emitter checks every
 * function's methods against HotSpot's JIT limit with it, and tests use it too.
 */
public final class MethodSizes {
    private MethodSizes() {}

    /** Method name + descriptor → length of its code in bytes. */
    public static Map<String, Integer> codeSizes(byte[] classFile) {
        ByteBuffer b = ByteBuffer.wrap(classFile);
        b.position(8);
        int cpCount = b.getShort() & 0xFFFF;
        String[] utf8 = new String[cpCount];
        for (int i = 1; i < cpCount; i++) {
            int tag = b.get();
            switch (tag) {
                case 1: {
                    int len = b.getShort() & 0xFFFF;
                    byte[] s = new byte[len];
                    b.get(s);
                    utf8[i] = new String(s, StandardCharsets.UTF_8);
                    break;
                }
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    b.position(b.position() + 4);
                    break;
                case 5: case 6:
                    b.position(b.position() + 8);
                    i++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    b.position(b.position() + 2);
                    break;
                case 15:
                    b.position(b.position() + 3);
                    break;
                default:
                    throw new IllegalArgumentException("constant pool tag " + tag);
            }
        }
        b.position(b.position() + 6);
        int interfaces = b.getShort() & 0xFFFF;
        b.position(b.position() + 2 * interfaces);
        int fields = b.getShort() & 0xFFFF;
        for (int i = 0; i < fields; i++) {
            b.position(b.position() + 6);
            skipAttributes(b);
        }
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int methods = b.getShort() & 0xFFFF;
        for (int i = 0; i < methods; i++) {
            b.getShort();
            String name = utf8[b.getShort() & 0xFFFF];
            String desc = utf8[b.getShort() & 0xFFFF];
            int attrs = b.getShort() & 0xFFFF;
            for (int a = 0; a < attrs; a++) {
                String attr = utf8[b.getShort() & 0xFFFF];
                int len = b.getInt();
                int next = b.position() + len;
                if (attr.equals("Code")) {
                    b.position(b.position() + 4);
                    sizes.put(name + desc, b.getInt());
                }
                b.position(next);
            }
        }
        return sizes;
    }

    private static void skipAttributes(ByteBuffer b) {
        int attrs = b.getShort() & 0xFFFF;
        for (int a = 0; a < attrs; a++) {
            b.getShort();
            int len = b.getInt();
            b.position(b.position() + len);
        }
    }

    /** The length of the longest method's code in a class file. */
    public static int largest(byte[] classFile) {
        int max = 0;
        for (int n : codeSizes(classFile).values()) {
            max = Math.max(max, n);
        }
        return max;
    }

    /** The largest method of all classes, as "Class.method(desc) = n". */
    public static Map.Entry<String, Integer> largest(Map<String, byte[]> classes) {
        Map.Entry<String, Integer> best = Map.entry("none", 0);
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            for (Map.Entry<String, Integer> m : codeSizes(c.getValue()).entrySet()) {
                if (m.getValue() > best.getValue()) {
                    best = Map.entry(c.getKey() + "." + m.getKey(), m.getValue());
                }
            }
        }
        return best;
    }
}
