package dev.wasm2jar.launcher;

import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ModuleInfoIO;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The main class of every JAR wasm2jar writes: reads the packaged module's description
 * ({@value #MODULE_RESOURCE}) and settings, and runs it with {@link Launcher}.
 */
public final class Main {
    public static final String MODULE_RESOURCE = "/META-INF/wasm2jar/module.bin";

    private Main() {}

    public static void main(String[] args) {
        int code;
        try {
            LaunchConfig config = LaunchConfig.load(System.getProperties());
            ModuleInfo info;
            try (InputStream in = Main.class.getResourceAsStream(MODULE_RESOURCE)) {
                if (in == null) {
                    throw new Launcher.LaunchException("this JAR holds no module (" + MODULE_RESOURCE + " is missing)", null);
                }
                info = ModuleInfoIO.read(new BufferedInputStream(in, 1 << 16));
            }
            Class<? extends Instance> moduleClass = Class.forName(info.className.replace('/', '.'), true,
                    Main.class.getClassLoader()).asSubclass(Instance.class);
            code = Launcher.run(moduleClass, info, List.of(args), config, Launcher.Stdio.process());
        } catch (Launcher.LaunchException | IOException | ClassNotFoundException | IllegalArgumentException e) {
            System.err.println("wasm2jar: " + e.getMessage());
            code = Launcher.INTERNAL_ERROR_EXIT;
        }
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }
}
