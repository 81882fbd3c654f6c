package dev.wasm2jar.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of a directory's entries for fd_readdir: ".", "..", then the entries in the order
 * the host lists them. The cookie of an entry is its index; an entry's {@code d_next} is the
 * index after it. Inode and type are read on first use (lstat: a symlink is reported as one).
 */
final class DirListing {
    final byte[][] names;
    private final Path[] paths;
    private final long[] inos;
    private final byte[] types;
    private final boolean[] known;

    private DirListing(List<Path> entries, Path dir, Path parent) {
        int n = entries.size() + 2;
        names = new byte[n][];
        paths = new Path[n];
        inos = new long[n];
        types = new byte[n];
        known = new boolean[n];
        names[0] = new byte[] {'.'};
        paths[0] = dir;
        names[1] = new byte[] {'.', '.'};
        paths[1] = parent;
        types[0] = Abi.FILETYPE_DIRECTORY;
        types[1] = Abi.FILETYPE_DIRECTORY;
        for (int i = 0; i < entries.size(); i++) {
            Path e = entries.get(i);
            names[i + 2] = e.getFileName().toString().getBytes(StandardCharsets.UTF_8);
            paths[i + 2] = e;
        }
    }

    /**
     * Lists {@code dir}. {@code parent} is the directory ".." names; at a preopen's root, where
     * ".." is not reachable, it is the root itself.
     */
    static DirListing read(Path dir, Path parent) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                entries.add(p);
            }
        }
        return new DirListing(entries, dir, parent);
    }

    int size() {
        return names.length;
    }

    private void load(int i) {
        if (known[i]) {
            return;
        }
        known[i] = true;
        try {
            HostFs.Stat s = HostFs.lstat(paths[i]);
            inos[i] = s.ino;
            if (i >= 2) {
                types[i] = (byte) s.filetype;
            }
        } catch (IOException | RuntimeException e) {
            // vanished since the listing was taken: report what is known, the name
            inos[i] = 0;
            if (i >= 2) {
                types[i] = Abi.FILETYPE_UNKNOWN;
            }
        }
    }

    long ino(int i) {
        load(i);
        return inos[i];
    }

    int type(int i) {
        load(i);
        return types[i];
    }
}
