package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsEnvTest {
    @Test
    void argsLayout() {
        Guest g = new Guest(WasiHost.builder().args(List.of("prog", "", "héllo wörld", "x=y")));
        int sizes = g.alloc(8);
        g.ok("args_sizes_get", sizes, sizes + 4);
        assertEquals(4, g.i32(sizes));
        int bufLen = "prog".length() + 1 + 1 + "héllo wörld".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 + 4;
        assertEquals(bufLen, g.i32(sizes + 4));

        int argv = g.alloc(4 * 4);
        int buf = g.alloc(bufLen);
        g.ok("args_get", argv, buf);
        String[] want = {"prog", "", "héllo wörld", "x=y"};
        int expectAt = buf;
        for (int i = 0; i < 4; i++) {
            int p = g.i32(argv + 4 * i);
            assertEquals(expectAt, p, "argv[" + i + "] packed in order");
            int n = Guest.len(want[i]);
            assertEquals(want[i], g.string(p, n));
            assertEquals(0, g.u8(p + n), "NUL-terminated");
            expectAt += n + 1;
        }
    }

    @Test
    void environLayoutKeepsOrder() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Z", "last-but-first");
        env.put("HOME", "/home/guest");
        env.put("EMPTY", "");
        env.put("EQ", "a=b");
        Guest g = new Guest(WasiHost.builder().env(env));
        int sizes = g.alloc(8);
        g.ok("environ_sizes_get", sizes, sizes + 4);
        String[] want = {"Z=last-but-first", "HOME=/home/guest", "EMPTY=", "EQ=a=b"};
        int total = 0;
        for (String s : want) {
            total += s.length() + 1;
        }
        assertEquals(4, g.i32(sizes));
        assertEquals(total, g.i32(sizes + 4));
        int envp = g.alloc(16);
        int buf = g.alloc(total);
        g.ok("environ_get", envp, buf);
        for (int i = 0; i < 4; i++) {
            int p = g.i32(envp + 4 * i);
            assertEquals(want[i], g.string(p, want[i].length()));
            assertEquals(0, g.u8(p + want[i].length()));
        }
    }

    @Test
    void emptyByDefault() {
        Guest g = new Guest(WasiHost.builder());
        int sizes = g.alloc(16);
        g.ok("args_sizes_get", sizes, sizes + 4);
        g.ok("environ_sizes_get", sizes + 8, sizes + 12);
        assertEquals(0, g.i32(sizes));
        assertEquals(0, g.i32(sizes + 4));
        assertEquals(0, g.i32(sizes + 8));
        assertEquals(0, g.i32(sizes + 12));
    }

    @Test
    void badPointersAreEfault() {
        Guest g = new Guest(WasiHost.builder().args(List.of("prog", "arg")).env(Map.of("A", "1")));
        int end = g.mem.byteSize();
        int ok = g.alloc(64);
        g.fails(Errno.EFAULT, "args_sizes_get", end - 2, ok);
        g.fails(Errno.EFAULT, "args_sizes_get", ok, -1);
        g.fails(Errno.EFAULT, "args_get", end - 4, ok); // argv needs 8 bytes
        g.fails(Errno.EFAULT, "args_get", ok, end - 5); // "prog\0arg\0" is 9 bytes
        g.fails(Errno.EFAULT, "environ_get", ok, end - 2);
        g.fails(Errno.EFAULT, "environ_sizes_get", end, ok);
    }
}
