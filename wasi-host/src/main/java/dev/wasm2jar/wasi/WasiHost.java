package dev.wasm2jar.wasi;

import dev.wasm2jar.runtime.FuncType;
import dev.wasm2jar.runtime.HostFunction;
import dev.wasm2jar.runtime.Memory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * WASI preview 1 ({@code wasi_snapshot_preview1}) for one guest instance: arguments, environment,
 * clocks, randomness, stdio (fds 0-2), preopened directories (fds 3, 4, ... in the order they
 * were added) and everything reachable from them, polling.
 *
 * <pre>{@code
 * WasiHost wasi = WasiHost.builder().args(argv).preopen(dir, "/").build();
 * Imports imports = new Imports().addAll(wasi.functions());
 * Instance inst = Instantiator.instantiate(...);
 * wasi.setMemory((Memory) inst.exports().get("memory"));
 * try { inst.function("_start").call(); } catch (ProcExit e) { code = e.code(); }
 * }</pre>
 *
 * <p>A host serves one guest instance, which calls it from one thread at a time.
 */
public final class WasiHost implements AutoCloseable {
    /** Every function of wasi_snapshot_preview1 and its wasm signature (params ':' results). */
    static final String[][] SIGNATURES = {
        {"args_get", "II:I"},
        {"args_sizes_get", "II:I"},
        {"environ_get", "II:I"},
        {"environ_sizes_get", "II:I"},
        {"clock_res_get", "II:I"},
        {"clock_time_get", "IJI:I"},
        {"fd_advise", "IJJI:I"},
        {"fd_allocate", "IJJ:I"},
        {"fd_close", "I:I"},
        {"fd_datasync", "I:I"},
        {"fd_fdstat_get", "II:I"},
        {"fd_fdstat_set_flags", "II:I"},
        {"fd_fdstat_set_rights", "IJJ:I"},
        {"fd_filestat_get", "II:I"},
        {"fd_filestat_set_size", "IJ:I"},
        {"fd_filestat_set_times", "IJJI:I"},
        {"fd_pread", "IIIJI:I"},
        {"fd_prestat_get", "II:I"},
        {"fd_prestat_dir_name", "III:I"},
        {"fd_pwrite", "IIIJI:I"},
        {"fd_read", "IIII:I"},
        {"fd_readdir", "IIIJI:I"},
        {"fd_renumber", "II:I"},
        {"fd_seek", "IJII:I"},
        {"fd_sync", "I:I"},
        {"fd_tell", "II:I"},
        {"fd_write", "IIII:I"},
        {"path_create_directory", "III:I"},
        {"path_filestat_get", "IIIII:I"},
        {"path_filestat_set_times", "IIIIJJI:I"},
        {"path_link", "IIIIIII:I"},
        {"path_open", "IIIIIJJII:I"},
        {"path_readlink", "IIIIII:I"},
        {"path_remove_directory", "III:I"},
        {"path_rename", "IIIIII:I"},
        {"path_symlink", "IIIII:I"},
        {"path_unlink_file", "III:I"},
        {"poll_oneoff", "IIII:I"},
        {"proc_exit", "I:"},
        {"proc_raise", "I:I"},
        {"sched_yield", ":I"},
        {"random_get", "II:I"},
        {"sock_accept", "III:I"},
        {"sock_recv", "IIIIII:I"},
        {"sock_send", "IIIII:I"},
        {"sock_shutdown", "II:I"},
    };

    /** The module name the functions are imported from. */
    public static final String MODULE = Abi.MODULE;

    private final Preview1 impl;
    private final List<HostFunction> functions;

    private WasiHost(Preview1 impl) {
        this.impl = impl;
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<HostFunction> fs = new ArrayList<>(SIGNATURES.length);
        for (String[] s : SIGNATURES) {
            FuncType type = FuncType.fromKey(s[1]);
            // Made when the guest first calls the function: a program calls a few of the 46,
            // and making each handle costs about a millisecond in a JVM that just started.
            fs.add(new HostFunction(MODULE, s[0], type, () -> {
                try {
                    return lookup.findVirtual(Preview1.class, s[0], type.methodType()).bindTo(impl);
                } catch (NoSuchMethodException | IllegalAccessException e) {
                    throw new IllegalStateException("no host method for " + s[0], e);
                }
            }));
        }
        this.functions = Collections.unmodifiableList(fs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every wasi_snapshot_preview1 function, module name "wasi_snapshot_preview1", as HostFunctions. */
    public List<HostFunction> functions() {
        return functions;
    }

    /** The guest's exported memory; set after instantiation, before _start runs. */
    public void setMemory(Memory memory) {
        impl.setMemory(memory);
    }

    /**
     * Closes every descriptor: the files the guest left open are closed, further calls answer
     * EBADF. The stdio streams are the embedder's and stay open; a stdin pump thread, if one was
     * started, is a daemon blocked on its stream.
     */
    @Override
    public void close() {
        impl.closeAll();
    }

    public static final class Builder {
        private List<String> args = List.of();
        private Map<String, String> env = new LinkedHashMap<>();
        private InputStream stdin;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private final List<Path> preopenHosts = new ArrayList<>();
        private final List<String> preopenNames = new ArrayList<>();
        private Random random;
        private LongSupplier realtime;
        private LongSupplier monotonic;

        private Builder() {}

        /** argv, argv[0] included. Default: none. */
        public Builder args(List<String> args) {
            this.args = List.copyOf(args);
            return this;
        }

        /** The environment, in the map's iteration order. Default: empty. */
        public Builder env(Map<String, String> env) {
            this.env = new LinkedHashMap<>(env);
            return this;
        }

        /** Standard input. Default: empty (end of file at once). */
        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            return this;
        }

        /** Standard output; every fd_write is flushed. Default: discarded. */
        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        /** Standard error; every fd_write is flushed. Default: discarded. */
        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        /**
         * Grants the guest the host directory {@code hostDir}, seen as {@code guestPath}. May be
         * called several times; the directories become fds 3, 4, ... in call order.
         */
        public Builder preopen(Path hostDir, String guestPath) {
            preopenHosts.add(Objects.requireNonNull(hostDir));
            preopenNames.add(Objects.requireNonNull(guestPath));
            return this;
        }

        /** The source of random_get. Default: a {@link java.security.SecureRandom}, made on first use. */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The realtime clock, nanoseconds since the epoch. Default: the system clock. */
        public Builder realtimeClock(LongSupplier nanos) {
            this.realtime = Objects.requireNonNull(nanos);
            return this;
        }

        /** The monotonic clock in nanoseconds. Default: {@link System#nanoTime()} since build(). */
        public Builder monotonicClock(LongSupplier nanos) {
            this.monotonic = Objects.requireNonNull(nanos);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a preopened directory is not an existing directory
         * @throws UncheckedIOException when a preopened directory cannot be resolved
         */
        public WasiHost build() {
            List<Preopen> preopens = new ArrayList<>();
            for (int i = 0; i < preopenHosts.size(); i++) {
                Path host = preopenHosts.get(i);
                if (!Files.isDirectory(host)) {
                    throw new IllegalArgumentException("not a directory: " + host);
                }
                try {
                    preopens.add(new Preopen(host.toRealPath(), preopenNames.get(i)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            byte[][] argv = new byte[args.size()][];
            for (int i = 0; i < argv.length; i++) {
                argv[i] = args.get(i).getBytes(StandardCharsets.UTF_8);
            }
            byte[][] envp = new byte[env.size()][];
            int i = 0;
            for (Map.Entry<String, String> e : env.entrySet()) {
                envp[i++] = (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8);
            }
            LongSupplier rt = realtime;
            if (rt == null) {
                rt = () -> {
                    Instant now = Instant.now();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                };
            }
            LongSupplier mono = monotonic;
            if (mono == null) {
                long base = System.nanoTime();
                mono = () -> System.nanoTime() - base;
            }
            Preview1 impl = new Preview1(argv, envp, new StdinSource(stdin), stdout, stderr, preopens,
                    random, rt, mono);
            return new WasiHost(impl);
        }
    }
}
