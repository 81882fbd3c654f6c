package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.compiler.emit.MethodSizes;
import dev.wasm2jar.runtime.Memory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every memory accessor generated code calls, and each helper below it, fits HotSpot's
 * {@code MaxInlineSize} (35 bytes): over it, C1 and C2 leave it a call at the call sites they
 * consider cold (the {@code Memory} accessors' comment).
 */
class MemoryAccessorSizeTest {
    private static final int MAX_INLINE_SIZE = 35;

    @Test
    void everyAccessorAndItsHelpersInlineAtColdCallSites() throws Exception {
        byte[] classFile;
        try (InputStream in = Memory.class.getResourceAsStream("Memory.class")) {
            classFile = in.readAllBytes();
        }
        List<String> tooLarge = new ArrayList<>();
        int accessors = 0;
        for (Map.Entry<String, Integer> e : MethodSizes.codeSizes(classFile).entrySet()) {
            String name = e.getKey().substring(0, e.getKey().indexOf('('));
            boolean accessor = name.matches("[if](32|64)(Load|Store)\\w*");
            if (accessor || name.equals("index") || name.equals("at")) {
                accessors += accessor ? 1 : 0;
                if (e.getValue() > MAX_INLINE_SIZE) {
                    tooLarge.add(e.getKey() + ": " + e.getValue() + " bytes");
                }
            }
        }
        assertEquals(2 * (14 + 9), accessors, "loads and stores, in two families");
        assertTrue(tooLarge.isEmpty(), tooLarge.toString());
    }
}
