package dev.wasm2jar.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** Host file system access: metadata in WASI terms and Java exceptions as errno values. */
final class HostFs {
    private HostFs() {}

    static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private static final boolean UNIX_VIEW = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRS = "unix:dev,ino,nlink,mode,size,lastAccessTime,lastModifiedTime,ctime";

    /** A filestat: the metadata WASI reports, times in nanoseconds since the epoch. */
    static final class Stat {
        long dev;
        long ino;
        int filetype;
        long nlink;
        long size;
        long atim;
        long mtim;
        long ctim;

        Stat copy() {
            Stat s = new Stat();
            s.dev = dev;
            s.ino = ino;
            s.filetype = filetype;
            s.nlink = nlink;
            s.size = size;
            s.atim = atim;
            s.mtim = mtim;
            s.ctim = ctim;
            return s;
        }
    }

    /** Metadata of {@code p} itself (a symlink is not followed). */
    static Stat lstat(Path p) throws IOException {
        return stat(p, NOFOLLOW);
    }

    private static Stat stat(Path p, LinkOption... options) throws IOException {
        Stat s = new Stat();
        if (UNIX_VIEW) {
            Map<String, Object> a = Files.readAttributes(p, UNIX_ATTRS, options);
            s.dev = ((Number) a.get("dev")).longValue();
            s.ino = ((Number) a.get("ino")).longValue();
            s.nlink = ((Number) a.get("nlink")).longValue();
            s.filetype = filetypeOfMode(((Number) a.get("mode")).intValue());
            s.size = ((Number) a.get("size")).longValue();
            s.atim = nanos((FileTime) a.get("lastAccessTime"));
            s.mtim = nanos((FileTime) a.get("lastModifiedTime"));
            s.ctim = nanos((FileTime) a.get("ctime"));
        } else {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, options);
            Object key = a.fileKey();
            s.ino = key != null ? key.hashCode() & 0xFFFFFFFFL : 0;
            s.nlink = 1;
            s.filetype = filetypeOf(a);
            s.size = a.size();
            s.atim = nanos(a.lastAccessTime());
            s.mtim = nanos(a.lastModifiedTime());
            s.ctim = s.mtim;
        }
        return s;
    }

    private static final Path PROC_FDS = Paths.get("/proc/self/fd");

    /**
     * A path that reaches an open file by identity even after it was renamed or unlinked:
     * on Linux, the /proc/self/fd entry of a descriptor open on the same inode (stat and
     * utimensat follow these links to the inode itself). Null where there is no such entry.
     */
    static Path procFd(long dev, long ino) {
        if (!UNIX_VIEW || !Files.isDirectory(PROC_FDS)) {
            return null;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC_FDS)) {
            for (Path p : ds) {
                try {
                    Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino");
                    if (((Number) a.get("dev")).longValue() == dev && ((Number) a.get("ino")).longValue() == ino) {
                        return p;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile, or not a file
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** Metadata of the file an fd link in /proc/self/fd leads to. */
    static Stat statFollowing(Path p) throws IOException {
        return stat(p);
    }

    /** The inode number of {@code p} itself, or 0 when it cannot be read. */
    static long inode(Path p) {
        try {
            if (UNIX_VIEW) {
                return ((Number) Files.getAttribute(p, "unix:ino", NOFOLLOW)).longValue();
            }
            Object key = Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW).fileKey();
            return key != null ? key.hashCode() & 0xFFFFFFFFL : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static int filetypeOfMode(int mode) {
        switch (mode & 0170000) {
            case 0140000: return Abi.FILETYPE_SOCKET_STREAM;
            case 0120000: return Abi.FILETYPE_SYMBOLIC_LINK;
            case 0100000: return Abi.FILETYPE_REGULAR_FILE;
            case 0060000: return Abi.FILETYPE_BLOCK_DEVICE;
            case 0040000: return Abi.FILETYPE_DIRECTORY;
            case 0020000: return Abi.FILETYPE_CHARACTER_DEVICE;
            default: return Abi.FILETYPE_UNKNOWN; // FIFOs too: preview1 has no code for them
        }
    }

    static int filetypeOf(BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return Abi.FILETYPE_SYMBOLIC_LINK;
        }
        if (a.isDirectory()) {
            return Abi.FILETYPE_DIRECTORY;
        }
        if (a.isRegularFile()) {
            return Abi.FILETYPE_REGULAR_FILE;
        }
        return Abi.FILETYPE_UNKNOWN;
    }

    /** Nanoseconds since the epoch; times before it report 0 (the field is unsigned). */
    static long nanos(FileTime t) {
        if (t == null) {
            return 0;
        }
        Instant i = t.toInstant();
        if (i.getEpochSecond() < 0) {
            return 0;
        }
        try {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (ArithmeticException e) {
            return -1L; // beyond 2554: the largest u64 timestamp
        }
    }

    /** A WASI timestamp (unsigned nanoseconds) as a FileTime. */
    static FileTime fileTime(long nanos) {
        return FileTime.from(Instant.ofEpochSecond(Long.divideUnsigned(nanos, 1_000_000_000L),
                Long.remainderUnsigned(nanos, 1_000_000_000L)));
    }

    /** The errno for an I/O failure. */
    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return Errno.EXDEV;
        }
        if (e instanceof ClosedChannelException) {
            return Errno.EBADF;
        }
        String reason = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        int errno = errnoOfReason(reason);
        return errno != 0 ? errno : Errno.EIO;
    }

    /**
     * Java reports most errors of the file system as a FileSystemException whose reason is the C
     * library's strerror text; this maps those texts back to the error.
     */
    static int errnoOfReason(String reason) {
        if (reason == null) {
            return 0;
        }
        for (int i = 0; i < REASON_TEXT.length; i++) {
            if (reason.contains(REASON_TEXT[i])) {
                return REASON_ERRNO[i];
            }
        }
        return 0;
    }

    private static final String[] REASON_TEXT = {
        "No such file or directory", "File exists", "Directory not empty", "Not a directory", "Is a directory",
        "Permission denied", "Operation not permitted", "Too many levels of symbolic links",
        "Invalid cross-device link", "Invalid argument", "Read-only file system", "No space left on device",
        "Disk quota exceeded", "File name too long", "Device or resource busy", "Too many links", "File too large",
        "Text file busy", "Broken pipe", "Illegal seek", "Bad file descriptor", "Too many open files",
        "Resource temporarily unavailable", "Interrupted system call", "No such device or address",
        "No such device", "Stale file handle", "Input/output error",
    };
    private static final int[] REASON_ERRNO = {
        Errno.ENOENT, Errno.EEXIST, Errno.ENOTEMPTY, Errno.ENOTDIR, Errno.EISDIR,
        Errno.EACCES, Errno.EPERM, Errno.ELOOP,
        Errno.EXDEV, Errno.EINVAL, Errno.EROFS, Errno.ENOSPC,
        Errno.EDQUOT, Errno.ENAMETOOLONG, Errno.EBUSY, Errno.EMLINK, Errno.EFBIG,
        Errno.ETXTBSY, Errno.EPIPE, Errno.ESPIPE, Errno.EBADF, Errno.EMFILE,
        Errno.EAGAIN, Errno.EINTR, Errno.ENXIO,
        Errno.ENODEV, Errno.ESTALE, Errno.EIO,
    };
}
