package dev.wasm2jar.compiler.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the converted spec suite lives: {@code ../shared/spec} beside the project checkout. */
public final class SpecSuite {
    private SpecSuite() {}

    /** The {@code spec} folder, or null when it is absent. */
    public static Path locate() {
        String prop = System.getProperty("wasm2jar.spec.dir");
        if (prop != null) {
            Path p = Paths.get(prop);
            return Files.isDirectory(p.resolve("core")) ? p : null;
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("spec");
            if (Files.isDirectory(candidate.resolve("core"))) {
                return candidate;
            }
        }
        return null;
    }
}
