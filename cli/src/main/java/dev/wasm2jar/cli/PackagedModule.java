package dev.wasm2jar.cli;

import dev.wasm2jar.launcher.Main;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.ModuleInfo;
import dev.wasm2jar.runtime.ModuleInfoIO;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A JAR the CLI wrote, loaded into this JVM: its module description and module class. The
 * runtime classes come from this JVM's class path (the loader asks its parent first), so the
 * program runs against the same runtime as a module compiled in process.
 */
final class PackagedModule implements AutoCloseable {
    final ModuleInfo info;
    final Class<? extends Instance> moduleClass;
    private final URLClassLoader loader;

    private PackagedModule(URLClassLoader loader, ModuleInfo info, Class<? extends Instance> moduleClass) {
        this.loader = loader;
        this.info = info;
        this.moduleClass = moduleClass;
    }

    static PackagedModule open(Path jar) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                PackagedModule.class.getClassLoader());
        try {
            ModuleInfo info;
            try (InputStream in = loader.getResourceAsStream(Main.MODULE_RESOURCE.substring(1))) {
                if (in == null) {
                    throw new IOException(jar + " holds no module (" + Main.MODULE_RESOURCE + " is missing)");
                }
                info = ModuleInfoIO.read(new BufferedInputStream(in, 1 << 16));
            }
            Class<? extends Instance> moduleClass = Class.forName(info.className.replace('/', '.'), true, loader)
                    .asSubclass(Instance.class);
            return new PackagedModule(loader, info, moduleClass);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            loader.close();
            throw e instanceof IOException ? (IOException) e : new IOException("cannot load " + jar + ": " + e, e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
