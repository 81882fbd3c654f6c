package dev.wasm2jar.compiler;

import dev.wasm2jar.runtime.ModuleInfo;
import java.util.Collections;
import java.util.Map;

/** The compiler's output: class files by internal name, and the module's description. */
public final class CompiledModule {
    private final ModuleInfo info;
    private final Map<String, byte[]> classes;
    private final Map<String, Long> stageNanos;

    CompiledModule(ModuleInfo info, Map<String, byte[]> classes, Map<String, Long> stageNanos) {
        this.info = info;
        this.classes = Collections.unmodifiableMap(classes);
        this.stageNanos = Collections.unmodifiableMap(stageNanos);
    }

    /** Wall time of each compiler stage, in nanoseconds, in pipeline order (for {@code -v}). */
    public Map<String, Long> stageNanos() {
        return stageNanos;
    }

    public ModuleInfo info() {
        return info;
    }

    /** Class files by internal name (for example {@code wasm2jar/generated/Module}). */
    public Map<String, byte[]> classes() {
        return classes;
    }

    /**
     * Defines the classes in a fresh class loader. The JVM verifies every generated method as the
     * module class is linked, here, so a verification failure surfaces now and not at first call.
     */
    public LoadedModule load() {
        return load(CompiledModule.class.getClassLoader());
    }

    public LoadedModule load(ClassLoader parent) {
        ModuleClassLoader loader = new ModuleClassLoader(parent, classes);
        try {
            Class<?> c = Class.forName(info.className.replace('/', '.'), true, loader);
            for (String name : classes.keySet()) {
                Class.forName(name.replace('/', '.'), true, loader);
            }
            return new LoadedModule(c.asSubclass(dev.wasm2jar.runtime.Instance.class), info);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class ModuleClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ModuleClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name.replace('.', '/'));
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
