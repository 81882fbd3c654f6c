package dev.wasm2jar.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves guest paths inside a directory descriptor's preopen, component by component on the
 * host, the way cap-std does for wasmtime: {@code ..} cannot climb above the preopen's root,
 * symlinks are read and followed here (at most {@link #MAX_SYMLINKS} of them, then ELOOP), and a
 * symlink whose target leaves the preopen, like an absolute guest path, is refused with
 * ENOTCAPABLE. An absolute symlink target is followed when it names a place inside the preopen's
 * host directory (always, for a preopen of the host root "/"), else refused.
 */
final class PathResolver {
    private PathResolver() {}

    static final int MAX_SYMLINKS = 40;

    /** Where a guest path led. */
    static final class Resolved {
        /** The host path of the final component (possibly not existing, or a symlink when not followed). */
        final Path host;
        /** Components of {@link #host} below the preopen's root. */
        final List<String> rel;
        final Preopen root;
        /** lstat of {@link #host}, or null when nothing exists there. */
        final BasicFileAttributes attrs;
        /** "." or ".." when the path's final component was one of those, else null. */
        final String dotFinal;
        /** Whether the path ended in "/" (so it must name a directory). */
        final boolean trailingSlash;

        Resolved(Path host, List<String> rel, Preopen root, BasicFileAttributes attrs, String dotFinal,
                boolean trailingSlash) {
            this.host = host;
            this.rel = rel;
            this.root = root;
            this.attrs = attrs;
            this.dotFinal = dotFinal;
            this.trailingSlash = trailingSlash;
        }

        boolean exists() {
            return attrs != null;
        }

        boolean isDirectory() {
            return attrs != null && attrs.isDirectory();
        }

        boolean isSymlink() {
            return attrs != null && attrs.isSymbolicLink();
        }
    }

    /** How a symlink in the final position is treated. */
    enum Final {
        /** Followed (stat, open with SYMLINK_FOLLOW ...). */
        FOLLOW,
        /** Not followed, unless the path ends in "/" (POSIX lookup: stat without follow, open). */
        NOFOLLOW,
        /**
         * Never followed, and a trailing "/" is only recorded, for the calls that act on the
         * directory entry itself (mkdir, rmdir, unlink, rename, link and symlink targets): they
         * check {@link Resolved#trailingSlash} against what they found, as Linux does.
         */
        ENTRY
    }

    static Resolved resolve(Fd.Dir dir, String path, boolean followFinal) throws WasiError, IOException {
        return resolve(dir, path, followFinal ? Final.FOLLOW : Final.NOFOLLOW);
    }

    static Resolved resolve(Fd.Dir dir, String path, Final mode) throws WasiError, IOException {
        if (path.isEmpty()) {
            throw WasiError.of(Errno.ENOENT);
        }
        if (path.charAt(0) == '/') {
            throw WasiError.of(Errno.ENOTCAPABLE);
        }
        if (path.indexOf('\0') >= 0) {
            throw WasiError.of(Errno.EINVAL);
        }
        Preopen root = dir.root;
        boolean mustBeDir = path.charAt(path.length() - 1) == '/';
        ArrayDeque<String> todo = new ArrayDeque<>();
        appendComponents(todo, path);
        ArrayList<String> cur = new ArrayList<>(dir.rel);
        Path p = dir.host;
        int links = 0;
        String dotFinal = null;
        BasicFileAttributes finalAttrs = null;
        boolean statCurrent = todo.isEmpty(); // "///"-like paths name the directory itself
        try {
            while (!todo.isEmpty()) {
                String c = todo.pollFirst();
                boolean last = todo.isEmpty();
                if (c.equals(".") || c.equals("..")) {
                    if (c.length() == 2) {
                        if (cur.isEmpty()) {
                            throw WasiError.of(Errno.ENOTCAPABLE);
                        }
                        cur.remove(cur.size() - 1);
                        p = p.getParent();
                    }
                    if (last) {
                        dotFinal = c;
                        statCurrent = true;
                    }
                    continue;
                }
                Path cand = p.resolve(c);
                BasicFileAttributes a = lstatOrNull(cand);
                if (a == null) {
                    if (!last) {
                        throw WasiError.of(Errno.ENOENT);
                    }
                    cur.add(c);
                    p = cand;
                    break;
                }
                if (a.isSymbolicLink()
                        && (!last || mode == Final.FOLLOW || (mustBeDir && mode == Final.NOFOLLOW))) {
                    if (++links > MAX_SYMLINKS) {
                        throw WasiError.of(Errno.ELOOP);
                    }
                    String target = Files.readSymbolicLink(cand).toString();
                    if (target.isEmpty()) {
                        throw WasiError.of(Errno.ENOENT);
                    }
                    if (last && target.endsWith("/")) {
                        mustBeDir = true;
                    }
                    if (target.charAt(0) == '/') {
                        target = insideRoot(root, target);
                        cur.clear();
                        p = root.host;
                    }
                    ArrayDeque<String> expanded = new ArrayDeque<>();
                    appendComponents(expanded, target);
                    if (expanded.isEmpty()) {
                        // "/" (or "//"): the root itself
                        expanded.add(".");
                    }
                    while (!expanded.isEmpty()) {
                        todo.addFirst(expanded.pollLast());
                    }
                    continue;
                }
                if (!last && !a.isDirectory()) {
                    throw WasiError.of(Errno.ENOTDIR);
                }
                cur.add(c);
                p = cand;
                if (last) {
                    finalAttrs = a;
                }
            }
            if (statCurrent) {
                finalAttrs = lstatOrNull(p);
            }
        } catch (InvalidPathException e) {
            throw WasiError.of(Errno.EILSEQ);
        }
        if (mustBeDir && mode != Final.ENTRY && finalAttrs != null && !finalAttrs.isDirectory()) {
            throw WasiError.of(Errno.ENOTDIR);
        }
        return new Resolved(p, cur, root, finalAttrs, dotFinal, mustBeDir);
    }

    /** An absolute symlink target as a path relative to the preopen's root, or ENOTCAPABLE. */
    private static String insideRoot(Preopen root, String target) throws WasiError {
        if (root.hostRoot) {
            return target;
        }
        Path t;
        try {
            t = root.host.getFileSystem().getPath(target);
        } catch (InvalidPathException e) {
            throw WasiError.of(Errno.ENOTCAPABLE);
        }
        // Lexical: the remaining components (".." included) are resolved one by one again.
        if (!t.startsWith(root.host)) {
            throw WasiError.of(Errno.ENOTCAPABLE);
        }
        return root.host.relativize(t).toString();
    }

    private static void appendComponents(ArrayDeque<String> out, String path) {
        int i = 0;
        int n = path.length();
        while (i < n) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            int j = i;
            while (j < n && path.charAt(j) != '/') {
                j++;
            }
            if (j > i) {
                out.add(path.substring(i, j));
            }
            i = j;
        }
    }

    private static BasicFileAttributes lstatOrNull(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, HostFs.NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
