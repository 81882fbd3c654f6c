package dev.wasm2jar.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a program sees of the host. Written into the JAR at compile time ({@value #RESOURCE}, keys
 * without prefix) and overridable with system properties at run time (keys prefixed with
 * {@code wasm2jar.}):
 *
 * <ul>
 *   <li>{@code program}: argv[0];
 *   <li>{@code sandbox=true|false}: capability mode (nothing visible but what is granted) or host
 *       mode (host {@code /} preopened as {@code /}, environment inherited, {@code PWD} the working
 *       directory);
 *   <li>{@code dir=host[:guest][,host[:guest]...]}: directories to grant. At run time this replaces
 *       the grants written at compile time and implies {@code sandbox=true} unless
 *       {@code wasm2jar.sandbox=false} is given too;
 *   <li>{@code env.NAME=value}: environment variables to set (added to the inherited ones in host
 *       mode, the only ones in sandbox mode);
 *   <li>{@code stack=512m}: the JVM stack of the guest's thread.
 * </ul>
 */
public final class LaunchConfig {
    public static final String RESOURCE = "/META-INF/wasm2jar/launch.properties";
    public static final String SYSTEM_PREFIX = "wasm2jar.";

    /** A directory grant: a host directory visible to the guest at {@code guest}. */
    public static final class Grant {
        public final Path host;
        public final String guest;

        public Grant(Path host, String guest) {
            this.host = host;
            this.guest = guest;
        }

        /** {@code host[:guest]}; the guest path defaults to the host path as written. */
        public static Grant parse(String spec) {
            int colon = spec.indexOf(':');
            String host = colon < 0 ? spec : spec.substring(0, colon);
            String guest = colon < 0 ? spec : spec.substring(colon + 1);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new IllegalArgumentException("a directory grant is host[:guest], got \"" + spec + "\"");
            }
            return new Grant(Paths.get(host), guest);
        }

        @Override
        public String toString() {
            return host + ":" + guest;
        }
    }

    private String programName = "main";
    private boolean sandbox;
    private final List<Grant> dirs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private long stackBytes = 512L << 20;

    public String programName() {
        return programName;
    }

    public LaunchConfig programName(String name) {
        this.programName = name;
        return this;
    }

    public boolean sandbox() {
        return sandbox;
    }

    public LaunchConfig sandbox(boolean sandbox) {
        this.sandbox = sandbox;
        return this;
    }

    public List<Grant> dirs() {
        return Collections.unmodifiableList(dirs);
    }

    public LaunchConfig dir(Grant grant) {
        dirs.add(grant);
        return this;
    }

    public Map<String, String> env() {
        return Collections.unmodifiableMap(env);
    }

    public LaunchConfig env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public long stackBytes() {
        return stackBytes;
    }

    public LaunchConfig stackBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("stack size must be positive");
        }
        this.stackBytes = bytes;
        return this;
    }

    /** The configuration a packaged program runs with: its JAR's settings, then system properties. */
    public static LaunchConfig load(Properties system) throws IOException {
        LaunchConfig c = new LaunchConfig();
        Properties p = new Properties();
        try (InputStream in = LaunchConfig.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        }
        c.apply(p, "", false);
        return applySystemProperties(c, system);
    }

    /** Applies the run-time overrides ({@code wasm2jar.*} system properties) to {@code config}. */
    public static LaunchConfig applySystemProperties(LaunchConfig config, Properties system) {
        config.apply(system, SYSTEM_PREFIX, true);
        return config;
    }

    /** The settings as the properties {@link #load} reads back (keys without prefix). */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("program", programName);
        p.setProperty("sandbox", Boolean.toString(sandbox));
        if (!dirs.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Grant g : dirs) {
                b.append(b.length() == 0 ? "" : ",").append(g.host).append(':').append(g.guest);
            }
            p.setProperty("dir", b.toString());
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            p.setProperty("env." + e.getKey(), e.getValue());
        }
        p.setProperty("stack", Long.toString(stackBytes));
        return p;
    }

    void apply(Properties p, String prefix, boolean override) {
        String v = p.getProperty(prefix + "program");
        if (v != null) {
            programName = v;
        }
        v = p.getProperty(prefix + "dir");
        if (v != null) {
            dirs.clear();
            for (String grant : v.split(",")) {
                if (!grant.isBlank()) {
                    dirs.add(Grant.parse(grant.trim()));
                }
            }
            if (override) {
                sandbox = true;
            }
        }
        v = p.getProperty(prefix + "sandbox");
        if (v != null) {
            sandbox = Boolean.parseBoolean(v.trim());
        }
        v = p.getProperty(prefix + "stack");
        if (v != null) {
            stackBytes(parseSize(v));
        }
        String envPrefix = prefix + "env.";
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(envPrefix)) {
                env.put(key.substring(envPrefix.length()), p.getProperty(key));
            }
        }
    }

    /** {@code 123}, {@code 64k}, {@code 512m}, {@code 1g}. */
    public static long parseSize(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        long mult = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Long.parseLong(t) * mult;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: \"" + s + "\" (examples: 65536, 64k, 512m, 1g)");
        }
    }
}
