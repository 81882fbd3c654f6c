;; Memory loads and stores in tight loops, shaped like what a C compiler emits
;; (pointer-increment loops over linear memory).
(module
  (memory (export "memory") 128) ;; 8 MiB

  ;; Fills n i32 words at p with an LCG sequence: x = x * 1664525 + 1013904223, starting from seed.
  (func (export "fill") (param $p i32) (param $n i32) (param $seed i32)
    (local $end i32) (local $x i32)
    (local.set $x (local.get $seed))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $l
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (i32.store (local.get $p) (local.get $x))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (local.get $end))))))

  ;; Sum of n i32 words at p (wrapping).
  (func (export "sum_i32") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $s i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $l
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))
    (local.get $s))

  ;; Fletcher-style checksum over n bytes at p, one i32.load8_u per byte.
  (func (export "checksum8") (param $p i32) (param $n i32) (result i32)
    (local $end i32) (local $a i32) (local $b i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $l
        (local.set $a (i32.add (local.get $a) (i32.load8_u (local.get $p))))
        (local.set $b (i32.add (local.get $b) (local.get $a)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))
    (i32.xor (i32.shl (local.get $b) (i32.const 16)) (local.get $a)))

  ;; Copies n i64 words from src to dst (i64.load + i64.store), returning an order-dependent
  ;; digest of the copied words: acc = rotl(acc, 1) ^ word.
  (func (export "copy_i64") (param $dst i32) (param $src i32) (param $n i32) (result i64)
    (local $end i32) (local $v i64) (local $acc i64)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
      (loop $l
        (local.set $v (i64.load (local.get $src)))
        (i64.store (local.get $dst) (local.get $v))
        (local.set $acc (i64.xor (i64.rotl (local.get $acc) (i64.const 1)) (local.get $v)))
        (local.set $src (i32.add (local.get $src) (i32.const 8)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
        (br_if $l (i32.lt_u (local.get $src) (local.get $end)))))
    (local.get $acc))

  ;; Sum of n i64 words at p (used to check what copy_i64 stored).
  (func (export "sum_i64") (param $p i32) (param $n i32) (result i64)
    (local $end i32) (local $s i64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $l
        (local.set $s (i64.add (local.get $s) (i64.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))
    (local.get $s)))
