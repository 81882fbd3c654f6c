;; Traps three calls deep, to check the trap report: message, then the wasm functions innermost first.
(module
  (memory (export "memory") 1)
  (func $innermost (param i32) (result i32)
    (i32.div_s (i32.const 1) (local.get 0)))
  (func $middle (result i32)
    (call $innermost (i32.const 0)))
  (func $main (export "_start")
    (drop (call $middle))))
