package dev.wasm2jar.runtime;

/** A module's imports cannot be satisfied: an unknown import or an incompatible one. */
public final class LinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LinkException(String message) {
        super(message);
    }
}
