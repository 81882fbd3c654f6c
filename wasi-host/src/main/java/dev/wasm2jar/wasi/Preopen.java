package dev.wasm2jar.wasi;

import java.nio.file.Path;

/** A preopened directory: the host directory (a real path) and the name the guest sees. */
final class Preopen {
    final Path host;
    final String guestName;
    /** Whether the host directory is the file system root, so guest-absolute means host-absolute. */
    final boolean hostRoot;

    Preopen(Path host, String guestName) {
        this.host = host;
        this.guestName = guestName;
        this.hostRoot = host.getParent() == null;
    }
}
