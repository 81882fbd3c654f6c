/*
 * hsdis for JDK 17 from Debian's libhsdis0-fcml, for -XX:+PrintAssembly.
 *
 * Debian's fcml-based hsdis exports only the old entry point, decode_instructions; JDK 17 looks
 * for decode_instructions_virtual and prints raw hex without it. This forwards one to the other
 * (the JVM passes the code's own address as both the virtual start and the buffer). A developer
 * tool, not part of any build; see benchmarks/README.md, "Reading the JIT's code".
 */
#include <dlfcn.h>
#include <stdint.h>

typedef void *(*event_callback)(void *, const char *, void *);
typedef int (*printf_callback)(void *, const char *, ...);
typedef void *(*decode_fn)(void *, void *, event_callback, void *, printf_callback, void *, const char *);

void *decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va, unsigned char *buffer, uintptr_t length,
                                  event_callback event, void *event_stream, printf_callback printf_fn,
                                  void *printf_stream, const char *options, int newline) {
    static decode_fn decode = 0;
    (void) start_va;
    (void) end_va;
    (void) newline;
    if (!decode) {
        void *lib = dlopen("libhsdis.so.0", RTLD_NOW);
        if (!lib) {
            return 0;
        }
        decode = (decode_fn) dlsym(lib, "decode_instructions");
        if (!decode) {
            return 0;
        }
    }
    return decode(buffer, buffer + length, event, event_stream, printf_fn, printf_stream, options);
}
