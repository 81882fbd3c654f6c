package dev.wasm2jar.compiler;

import dev.wasm2jar.runtime.Imports;
import dev.wasm2jar.runtime.Instance;
import dev.wasm2jar.runtime.Instantiator;
import dev.wasm2jar.runtime.Memory;
import dev.wasm2jar.runtime.ModuleInfo;

/** A compiled module whose classes are loaded: instantiate it as often as needed. */
public final class LoadedModule {
    private final Class<? extends Instance> moduleClass;
    private final ModuleInfo info;

    LoadedModule(Class<? extends Instance> moduleClass, ModuleInfo info) {
        this.moduleClass = moduleClass;
        this.info = info;
    }

    public ModuleInfo info() {
        return info;
    }

    public Class<? extends Instance> moduleClass() {
        return moduleClass;
    }

    /**
     * Links {@code imports}, initializes memory, tables and globals, and runs the start function.
     *
     * @throws dev.wasm2jar.runtime.LinkException when an import is missing or incompatible
     * @throws dev.wasm2jar.runtime.Trap when a segment does not fit or the start function traps
     */
    public Instance instantiate(Imports imports) {
        return Instantiator.instantiate(moduleClass, info, imports, Memory.IMPL_MAX_PAGES);
    }

    public Instance instantiate() {
        return instantiate(new Imports());
    }
}
