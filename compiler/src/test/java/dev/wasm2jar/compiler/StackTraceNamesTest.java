package dev.wasm2jar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.Trap;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A JVM stack trace through compiled code reads with the wasm names, Go's package first. */
class StackTraceNamesTest {
    private static void name(WasmBuilder.Code c, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        c.u(b.length);
        for (byte x : b) {
            c.op(x & 0xFF);
        }
    }

    /** main.main calls fmt.(*pp).doPrint, which traps; a name section names both. */
    private static byte[] module() {
        WasmBuilder b = new WasmBuilder();
        int t = b.type(new int[0], new int[0]);
        b.exportFunction("run", b.function(t, 0, new WasmBuilder.Code().call(1).op(0x0B)));
        b.function(t, 0, new WasmBuilder.Code().op(0x00, 0x0B)); // unreachable
        WasmBuilder.Code names = new WasmBuilder.Code().u(2).u(0);
        name(names, "main.main");
        names.u(1);
        name(names, "fmt.(*pp).doPrint");
        WasmBuilder.Code content = new WasmBuilder.Code();
        name(content, "name");
        byte[] sub = names.bytes();
        content.op(0x01).u(sub.length);
        for (byte x : sub) {
            content.op(x & 0xFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.build());
        byte[] section = content.bytes();
        out.write(0);
        out.writeBytes(new WasmBuilder.Code().u(section.length).bytes());
        out.writeBytes(section);
        return out.toByteArray();
    }

    @Test
    void framesReadPackageDotFunction() {
        Trap trap = assertThrows(Trap.class,
                () -> Wasm2Jar.compile(module()).load().instantiate().function("run").call());
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : trap.getStackTrace()) {
            if (e.getClassName().startsWith("wasm2jar.generated.")) {
                frames.add(e.getClassName() + "." + e.getMethodName() + " (" + e.getFileName() + ")");
            }
        }
        assertEquals(List.of("wasm2jar.generated.fmt.(*pp)\u00B7doPrint (module.wasm)",
                "wasm2jar.generated.main.main (module.wasm)"), frames.subList(0, 2), frames.toString());
    }
}
