package dev.wasm2jar.wasi;

/** The {@code errno} values of wasi_snapshot_preview1, as the host functions return them. */
public final class Errno {
    private Errno() {}

    public static final int SUCCESS = 0;
    public static final int E2BIG = 1;
    public static final int EACCES = 2;
    public static final int EADDRINUSE = 3;
    public static final int EADDRNOTAVAIL = 4;
    public static final int EAFNOSUPPORT = 5;
    public static final int EAGAIN = 6;
    public static final int EALREADY = 7;
    public static final int EBADF = 8;
    public static final int EBADMSG = 9;
    public static final int EBUSY = 10;
    public static final int ECANCELED = 11;
    public static final int ECHILD = 12;
    public static final int ECONNABORTED = 13;
    public static final int ECONNREFUSED = 14;
    public static final int ECONNRESET = 15;
    public static final int EDEADLK = 16;
    public static final int EDESTADDRREQ = 17;
    public static final int EDOM = 18;
    public static final int EDQUOT = 19;
    public static final int EEXIST = 20;
    public static final int EFAULT = 21;
    public static final int EFBIG = 22;
    public static final int EHOSTUNREACH = 23;
    public static final int EIDRM = 24;
    public static final int EILSEQ = 25;
    public static final int EINPROGRESS = 26;
    public static final int EINTR = 27;
    public static final int EINVAL = 28;
    public static final int EIO = 29;
    public static final int EISCONN = 30;
    public static final int EISDIR = 31;
    public static final int ELOOP = 32;
    public static final int EMFILE = 33;
    public static final int EMLINK = 34;
    public static final int EMSGSIZE = 35;
    public static final int EMULTIHOP = 36;
    public static final int ENAMETOOLONG = 37;
    public static final int ENETDOWN = 38;
    public static final int ENETRESET = 39;
    public static final int ENETUNREACH = 40;
    public static final int ENFILE = 41;
    public static final int ENOBUFS = 42;
    public static final int ENODEV = 43;
    public static final int ENOENT = 44;
    public static final int ENOEXEC = 45;
    public static final int ENOLCK = 46;
    public static final int ENOLINK = 47;
    public static final int ENOMEM = 48;
    public static final int ENOMSG = 49;
    public static final int ENOPROTOOPT = 50;
    public static final int ENOSPC = 51;
    public static final int ENOSYS = 52;
    public static final int ENOTCONN = 53;
    public static final int ENOTDIR = 54;
    public static final int ENOTEMPTY = 55;
    public static final int ENOTRECOVERABLE = 56;
    public static final int ENOTSOCK = 57;
    public static final int ENOTSUP = 58;
    public static final int ENOTTY = 59;
    public static final int ENXIO = 60;
    public static final int EOVERFLOW = 61;
    public static final int EOWNERDEAD = 62;
    public static final int EPERM = 63;
    public static final int EPIPE = 64;
    public static final int EPROTO = 65;
    public static final int EPROTONOSUPPORT = 66;
    public static final int EPROTOTYPE = 67;
    public static final int ERANGE = 68;
    public static final int EROFS = 69;
    public static final int ESPIPE = 70;
    public static final int ESRCH = 71;
    public static final int ESTALE = 72;
    public static final int ETIMEDOUT = 73;
    public static final int ETXTBSY = 74;
    public static final int EXDEV = 75;
    public static final int ENOTCAPABLE = 76;

    private static final String[] NAMES = {
        "SUCCESS", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY",
        "EBADF", "EBADMSG", "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET",
        "EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM",
        "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK",
        "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOBUFS",
        "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC",
        "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY",
        "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE",
        "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
    };

    /** The symbolic name of an errno value ({@code "ENOENT"}), or {@code "errno N"} for unknown values. */
    public static String name(int errno) {
        return errno >= 0 && errno < NAMES.length ? NAMES[errno] : "errno " + errno;
    }
}
