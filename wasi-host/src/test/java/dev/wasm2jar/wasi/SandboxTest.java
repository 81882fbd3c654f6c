package dev.wasm2jar.wasi;

import static dev.wasm2jar.wasi.Abi.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preopen is the guest's whole world: ".." above it, absolute paths, and symlinks that lead
 * out (absolute, relative, chained, as a directory in the middle of a path) are refused with
 * ENOTCAPABLE; symlink loops end in ELOOP; symlinks that stay inside work.
 */
class SandboxTest {
    @TempDir
    Path tmp;

    Path root;
    Path secret;
    Guest g;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(tmp.resolve("root")).toRealPath();
        secret = Files.writeString(tmp.resolve("secret"), "outside");
        Files.createDirectory(root.resolve("sub"));
        Files.writeString(root.resolve("sub/file"), "inside");
        Files.writeString(root.resolve("top"), "top");
        g = new Guest(WasiHost.builder().preopen(root, "/sandbox"));
    }

    private int open(int dirfd, String path) {
        return g.open(dirfd, LOOKUP_SYMLINK_FOLLOW, path, 0, Guest.READ, Guest.READ, 0);
    }

    private String readVia(String path) {
        assertEquals(0, open(3, path), path);
        return g.readAll(g.lastFd);
    }

    private void refused(String path) {
        assertEquals(Errno.name(Errno.ENOTCAPABLE), Errno.name(open(3, path)), "open " + path);
        assertEquals(Errno.name(Errno.ENOTCAPABLE), Errno.name(g.pathStatErr(3, LOOKUP_SYMLINK_FOLLOW, path)),
                "stat " + path);
    }

    @Test
    void dotDotAboveTheRoot() {
        refused("../secret");
        refused("..");
        refused("sub/../../secret");
        refused("sub/../sub/../../root/top");
        refused("./../root/top");
        assertEquals("top", readVia("sub/../top"), ".. inside is fine");
        assertEquals(Errno.ENOTCAPABLE, g.call("path_create_directory", 3, g.str("../evil"), 7));
        assertFalse(Files.exists(tmp.resolve("evil")));
        assertEquals(Errno.ENOTCAPABLE, g.call("path_unlink_file", 3, g.str("../secret"), 9));
        assertTrue(Files.exists(secret));
    }

    @Test
    void absolutePaths() {
        refused("/");
        refused("/etc/passwd");
        refused(secret.toString());
        refused(root.resolve("top").toString());
    }

    @Test
    void absoluteSymlinkOutside() throws Exception {
        Files.createSymbolicLink(root.resolve("abs"), secret);
        refused("abs");
        // not following it is fine: it is just a symlink in the sandbox
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.pathStat(3, 0, "abs")[2]);
        int buf = g.alloc(256);
        int n = g.alloc(4);
        g.ok("path_readlink", 3, g.str("abs"), 3, buf, 256, n);
        assertEquals(secret.toString(), g.string(buf, g.i32(n)));
    }

    @Test
    void relativeSymlinkOutside() throws Exception {
        Files.createSymbolicLink(root.resolve("rel"), Paths.get("../secret"));
        Files.createSymbolicLink(root.resolve("sub/deeper"), Paths.get("../../secret"));
        refused("rel");
        refused("sub/deeper");
        assertEquals(Errno.ENOTCAPABLE, g.open(3, LOOKUP_SYMLINK_FOLLOW, "rel", OFLAGS_TRUNC, Guest.RW, 0, 0));
        assertEquals("outside", Files.readString(secret));
    }

    @Test
    void symlinkChainOutside() throws Exception {
        Files.createSymbolicLink(root.resolve("l1"), Paths.get("l2"));
        Files.createSymbolicLink(root.resolve("l2"), Paths.get("sub/l3"));
        Files.createSymbolicLink(root.resolve("sub/l3"), Paths.get("../../secret"));
        refused("l1");
    }

    @Test
    void directorySymlinkInTheMiddle() throws Exception {
        Files.createSymbolicLink(root.resolve("up"), Paths.get(".."));
        Files.createSymbolicLink(root.resolve("tmpdir"), tmp);
        refused("up/secret");
        refused("tmpdir/secret");
        refused("sub/../up/root/top");
        assertEquals(Errno.ENOTCAPABLE, g.call("path_create_directory", 3, g.str("up/made"), 7));
        assertFalse(Files.exists(tmp.resolve("made")));
        int out = g.alloc(4);
        String from = "top";
        String to = "up/stolen";
        assertEquals(Errno.ENOTCAPABLE, g.call("path_rename", 3, g.str(from), 3, 3, g.str(to), to.length()));
        assertEquals(Errno.ENOTCAPABLE, g.call("path_link", 3, 0, g.str(from), 3, 3, g.str(to), to.length()));
        assertEquals(Errno.ENOTCAPABLE, g.call("path_symlink", g.str("x"), 1, 3, g.str(to), to.length()));
        assertFalse(Files.exists(tmp.resolve("stolen")));
        assertTrue(out > 0);
    }

    @Test
    void creatingSymlinksThatPointOutIsHarmless() throws Exception {
        // a relative one may be created (it is data); following it is refused
        g.ok("path_symlink", g.str("../secret"), 9, 3, g.str("made"), 4);
        refused("made");
        // an absolute one would be followed by host programs: refused at creation
        String abs = secret.toString();
        g.fails(Errno.ENOTCAPABLE, "path_symlink", g.str(abs), abs.length(), 3, g.str("made2"), 5);
        assertFalse(Files.exists(root.resolve("made2"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void loops() throws Exception {
        Files.createSymbolicLink(root.resolve("self"), Paths.get("self"));
        Files.createSymbolicLink(root.resolve("ping"), Paths.get("pong"));
        Files.createSymbolicLink(root.resolve("pong"), Paths.get("ping"));
        Files.createSymbolicLink(root.resolve("deep"), Paths.get("deep/x"));
        for (String p : new String[] {"self", "ping", "pong/x", "deep"}) {
            assertEquals(Errno.name(Errno.ELOOP), Errno.name(open(3, p)), p);
            assertEquals(Errno.name(Errno.ELOOP), Errno.name(g.pathStatErr(3, LOOKUP_SYMLINK_FOLLOW, p)), p);
        }
        // lstat of the loop itself works
        assertEquals(FILETYPE_SYMBOLIC_LINK, g.pathStat(3, 0, "ping")[2]);
    }

    @Test
    void fortySymlinksAreFineFortyOneAreALoop() throws Exception {
        Files.createSymbolicLink(root.resolve("s0"), Paths.get("top"));
        for (int i = 1; i <= 40; i++) {
            Files.createSymbolicLink(root.resolve("s" + i), Paths.get("s" + (i - 1)));
        }
        assertEquals("top", readVia("s39"));
        assertEquals(Errno.ELOOP, open(3, "s40"));
    }

    @Test
    void symlinksStayingInsideWork() throws Exception {
        Files.createSymbolicLink(root.resolve("in"), Paths.get("sub/file"));
        Files.createSymbolicLink(root.resolve("sub/up"), Paths.get("../top"));
        Files.createSymbolicLink(root.resolve("subdir"), Paths.get("sub"));
        Files.createSymbolicLink(root.resolve("absInside"), root.resolve("sub/file"));
        Files.createSymbolicLink(root.resolve("sub/dotdot"), Paths.get(".."));
        assertEquals("inside", readVia("in"));
        assertEquals("top", readVia("sub/up"));
        assertEquals("inside", readVia("subdir/file"));
        assertEquals("inside", readVia("absInside"), "an absolute target inside the preopen");
        assertEquals("top", readVia("sub/dotdot/top"));
        assertEquals("top", readVia("subdir/dotdot/sub/up"));
    }

    @Test
    void aDirectoryFdCanClimbToItsPreopenRootButNoFurther() throws Exception {
        assertEquals(0, g.open(3, 0, "sub", OFLAGS_DIRECTORY, RIGHT_PATH_OPEN, Guest.READ, 0));
        int sub = g.lastFd;
        assertEquals(0, g.open(sub, 0, "../top", 0, Guest.READ, 0, 0));
        assertEquals("top", g.readAll(g.lastFd));
        assertEquals(Errno.ENOTCAPABLE, g.open(sub, 0, "../../secret", 0, Guest.READ, 0, 0));
        assertEquals(Errno.ENOTCAPABLE, g.open(sub, 0, "../..", 0, 0, 0, 0));
    }

    @Test
    void theHostRootPreopenReachesEverything() throws Exception {
        Guest h = new Guest(WasiHost.builder().preopen(Paths.get("/"), "/"));
        String rel = secret.toString().substring(1);
        assertEquals(0, h.open(3, LOOKUP_SYMLINK_FOLLOW, rel, 0, Guest.READ, 0, 0));
        assertEquals("outside", h.readAll(h.lastFd));
        // absolute symlinks are host paths there, and followed
        Files.createSymbolicLink(root.resolve("abs"), secret);
        String viaLink = root.resolve("abs").toString().substring(1);
        assertEquals(0, h.open(3, LOOKUP_SYMLINK_FOLLOW, viaLink, 0, Guest.READ, 0, 0));
        assertEquals("outside", h.readAll(h.lastFd));
        assertEquals(Errno.ENOTCAPABLE, h.open(3, 0, "..", 0, 0, 0, 0));
        // and absolute symlinks may be created
        String made = root.resolve("made").toString().substring(1);
        h.ok("path_symlink", h.str(secret.toString()), secret.toString().length(), 3, h.str(made), made.length());
        assertEquals(secret, Files.readSymbolicLink(root.resolve("made")));
    }
}
