package dev.wasm2jar.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.HostFunction;
import dev.wasm2jar.runtime.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every preview1 function is there, under its module, with the witx signature as lowered to core wasm. */
class SignatureTest {
    /**
     * Transcribed from wasi_snapshot_preview1.witx: pointers, sizes, fds and flags (u8/u16/u32
     * types) are i32; filesize, filedelta, timestamp, dircookie, rights are i64; every function
     * returns the errno as i32 except proc_exit (noreturn); results are out-pointers.
     */
    private static final Map<String, String> WITX = new LinkedHashMap<>();

    static {
        WITX.put("args_get", "(param i32 i32) (result i32)");
        WITX.put("args_sizes_get", "(param i32 i32) (result i32)");
        WITX.put("environ_get", "(param i32 i32) (result i32)");
        WITX.put("environ_sizes_get", "(param i32 i32) (result i32)");
        WITX.put("clock_res_get", "(param i32 i32) (result i32)");
        WITX.put("clock_time_get", "(param i32 i64 i32) (result i32)");
        WITX.put("fd_advise", "(param i32 i64 i64 i32) (result i32)");
        WITX.put("fd_allocate", "(param i32 i64 i64) (result i32)");
        WITX.put("fd_close", "(param i32) (result i32)");
        WITX.put("fd_datasync", "(param i32) (result i32)");
        WITX.put("fd_fdstat_get", "(param i32 i32) (result i32)");
        WITX.put("fd_fdstat_set_flags", "(param i32 i32) (result i32)");
        WITX.put("fd_fdstat_set_rights", "(param i32 i64 i64) (result i32)");
        WITX.put("fd_filestat_get", "(param i32 i32) (result i32)");
        WITX.put("fd_filestat_set_size", "(param i32 i64) (result i32)");
        WITX.put("fd_filestat_set_times", "(param i32 i64 i64 i32) (result i32)");
        WITX.put("fd_pread", "(param i32 i32 i32 i64 i32) (result i32)");
        WITX.put("fd_prestat_get", "(param i32 i32) (result i32)");
        WITX.put("fd_prestat_dir_name", "(param i32 i32 i32) (result i32)");
        WITX.put("fd_pwrite", "(param i32 i32 i32 i64 i32) (result i32)");
        WITX.put("fd_read", "(param i32 i32 i32 i32) (result i32)");
        WITX.put("fd_readdir", "(param i32 i32 i32 i64 i32) (result i32)");
        WITX.put("fd_renumber", "(param i32 i32) (result i32)");
        WITX.put("fd_seek", "(param i32 i64 i32 i32) (result i32)");
        WITX.put("fd_sync", "(param i32) (result i32)");
        WITX.put("fd_tell", "(param i32 i32) (result i32)");
        WITX.put("fd_write", "(param i32 i32 i32 i32) (result i32)");
        WITX.put("path_create_directory", "(param i32 i32 i32) (result i32)");
        WITX.put("path_filestat_get", "(param i32 i32 i32 i32 i32) (result i32)");
        WITX.put("path_filestat_set_times", "(param i32 i32 i32 i32 i64 i64 i32) (result i32)");
        WITX.put("path_link", "(param i32 i32 i32 i32 i32 i32 i32) (result i32)");
        WITX.put("path_open", "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)");
        WITX.put("path_readlink", "(param i32 i32 i32 i32 i32 i32) (result i32)");
        WITX.put("path_remove_directory", "(param i32 i32 i32) (result i32)");
        WITX.put("path_rename", "(param i32 i32 i32 i32 i32 i32) (result i32)");
        WITX.put("path_symlink", "(param i32 i32 i32 i32 i32) (result i32)");
        WITX.put("path_unlink_file", "(param i32 i32 i32) (result i32)");
        WITX.put("poll_oneoff", "(param i32 i32 i32 i32) (result i32)");
        WITX.put("proc_exit", "(param i32)");
        WITX.put("proc_raise", "(param i32) (result i32)");
        WITX.put("sched_yield", "(result i32)");
        WITX.put("random_get", "(param i32 i32) (result i32)");
        WITX.put("sock_accept", "(param i32 i32 i32) (result i32)");
        WITX.put("sock_recv", "(param i32 i32 i32 i32 i32 i32) (result i32)");
        WITX.put("sock_send", "(param i32 i32 i32 i32 i32) (result i32)");
        WITX.put("sock_shutdown", "(param i32 i32) (result i32)");
    }

    /** Parses "(param i32 i64) (result i32)". */
    private static FuncType parse(String wat) {
        List<ValType> params = new ArrayList<>();
        List<ValType> results = new ArrayList<>();
        List<ValType> into = null;
        for (String tok : wat.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
            switch (tok) {
                case "param": into = params; break;
                case "result": into = results; break;
                case "(": case ")": break;
                case "i32": into.add(ValType.I32); break;
                case "i64": into.add(ValType.I64); break;
                default: throw new IllegalArgumentException(tok);
            }
        }
        return new FuncType(params.toArray(new ValType[0]), results.toArray(new ValType[0]));
    }

    @Test
    void everyFunctionWithItsWitxSignature() {
        WasiHost host = WasiHost.builder().build();
        Map<String, HostFunction> byName = new LinkedHashMap<>();
        for (HostFunction f : host.functions()) {
            assertEquals("wasi_snapshot_preview1", f.module());
            assertTrue(byName.put(f.name(), f) == null, "duplicate " + f.name());
        }
        assertEquals(46, WITX.size());
        assertEquals(WITX.keySet(), byName.keySet());
        for (Map.Entry<String, String> e : WITX.entrySet()) {
            HostFunction f = byName.get(e.getKey());
            assertNotNull(f, e.getKey());
            FuncType want = parse(e.getValue());
            assertEquals(want, f.type(), e.getKey());
            assertEquals(want.methodType(), f.handle().type(), e.getKey());
        }
    }

    @Test
    void functionsAreBoundToTheirHost() throws Throwable {
        // two hosts, different args: each function list answers for its own host
        WasiHost a = WasiHost.builder().args(List.of("a")).build();
        WasiHost b = WasiHost.builder().args(List.of("bb", "c")).build();
        Guest ga = new Guest(a);
        Guest gb = new Guest(b);
        int pa = ga.alloc(8);
        int pb = gb.alloc(8);
        ga.ok("args_sizes_get", pa, pa + 4);
        gb.ok("args_sizes_get", pb, pb + 4);
        assertEquals(1, ga.i32(pa));
        assertEquals(2, ga.i32(pa + 4));
        assertEquals(2, gb.i32(pb));
        assertEquals(5, gb.i32(pb + 4));
    }
}
