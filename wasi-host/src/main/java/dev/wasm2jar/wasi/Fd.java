package dev.wasm2jar.wasi;

import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/** An open file descriptor of the guest: its kind, flags and rights. */
abstract class Fd {
    final int filetype;
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    Fd(int filetype, long rightsBase, long rightsInheriting, int fdflags) {
        this.filetype = filetype;
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    final boolean nonblocking() {
        return (fdflags & Abi.FDFLAGS_NONBLOCK) != 0;
    }

    /** Standard input. */
    static final class Stdin extends Fd {
        final StdinSource source;

        Stdin(StdinSource source) {
            super(Abi.FILETYPE_CHARACTER_DEVICE, Abi.RIGHTS_STDIN, 0, 0);
            this.source = source;
        }
    }

    /** Standard output or standard error. */
    static final class Stdout extends Fd {
        final OutputStream out;

        Stdout(OutputStream out) {
            super(Abi.FILETYPE_CHARACTER_DEVICE, Abi.RIGHTS_STDOUT, 0, 0);
            this.out = out;
        }
    }

    /**
     * A directory: a preopen or one opened with path_open. It holds no host handle; its host path
     * is the preopen's root joined with {@code rel}, components that were each checked to be a
     * real directory (no symlink) when the descriptor was opened.
     */
    static final class Dir extends Fd {
        final Preopen root;
        final List<String> rel;
        final Path host;
        /** Non-null for a preopened directory: the name fd_prestat_dir_name reports. */
        final String preopenName;
        /** The listing fd_readdir serves cookies from; taken afresh when cookie 0 is read. */
        DirListing listing;

        Dir(Preopen root, List<String> rel, Path host, String preopenName, long base, long inheriting, int fdflags) {
            super(Abi.FILETYPE_DIRECTORY, base, inheriting, fdflags);
            this.root = root;
            this.rel = List.copyOf(rel);
            this.host = host;
            this.preopenName = preopenName;
        }
    }

    /** A regular file or device opened with path_open. */
    static final class File extends Fd {
        final FileChannel ch;
        /** The host path it was opened at (for the metadata Java can only reach by path). */
        final Path host;
        /** Metadata at open time; identifies the file (dev, ino) and stands in once it is unlinked. */
        final HostFs.Stat openStat;

        File(FileChannel ch, Path host, HostFs.Stat openStat, long base, long inheriting, int fdflags) {
            super(openStat.filetype, base, inheriting, fdflags);
            this.ch = ch;
            this.host = host;
            this.openStat = openStat;
        }
    }
}
