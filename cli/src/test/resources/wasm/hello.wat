;; A minimal WASI command: writes "hello from wasm" and its argument count, then returns.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "hello from wasm\n")
  (func $main (export "_start")
    ;; iovec at 0: {100, 16}
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 16))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    ;; argc at 16; print it as one digit followed by a newline
    (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
    (i32.store8 (i32.const 200) (i32.add (i32.const 48) (i32.load (i32.const 16))))
    (i32.store8 (i32.const 201) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 4) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
