;; Statement-style code, as Go and LLVM emit it, to exercise function splitting: locals of every
;; type, a Go-like dispatch loop (loop + br_table on a resume PC), branches with values out of
;; nested blocks, returns with several values from deep inside, memory, calls, traps.
(module
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $double $negate)
  (type $unary (func (param i64) (result i64)))
  (func $double (type $unary) (i64.mul (local.get 0) (i64.const 2)))
  (func $negate (type $unary) (i64.sub (i64.const 0) (local.get 0)))

  (func (export "collatz") (param $n i32) (result i32) (local $steps i32)
    (block $done
      (loop $top
        (br_if $done (i32.le_u (local.get $n) (i32.const 1)))
        (if (i32.and (local.get $n) (i32.const 1))
          (then (local.set $n (i32.add (i32.mul (local.get $n) (i32.const 3)) (i32.const 1))))
          (else (local.set $n (i32.shr_u (local.get $n) (i32.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $top)))
    (local.get $steps))

  (func (export "dispatch") (param $x i64) (result i64)
    (local $pc i32) (local $acc i64) (local $f f64) (local $g f32) (local $r externref)
    (loop $L
      (block $B4 (block $B3 (block $B2 (block $B1 (block $B0
        (br_table $B0 $B1 $B2 $B3 $B4 (local.get $pc)))
        ;; case 0
        (local.set $acc (i64.add (local.get $acc) (local.get $x)))
        (local.set $g (f32.add (local.get $g) (f32.const 0.5)))
        (local.set $pc (i32.const 1))
        (br $L))
       ;; case 1
       (local.set $f (f64.add (local.get $f) (f64.convert_i64_s (local.get $acc))))
       (if (i64.lt_s (local.get $acc) (i64.const 1000))
         (then (local.set $pc (i32.const 0)) (br $L)))
       (local.set $pc (i32.const 2))
       (br $L))
      ;; case 2
      (local.set $acc (call_indirect (type $unary) (local.get $acc) (i32.wrap_i64 (i64.and (local.get $x) (i64.const 1)))))
      (i64.store (i32.const 64) (local.get $acc))
      (local.set $pc (i32.const 3))
      (br $L))
     ;; case 3
     (local.set $acc (i64.add (i64.load (i32.const 64)) (i64.trunc_f64_s (local.get $f))))
     (local.set $acc (i64.add (local.get $acc) (i64.trunc_f32_s (local.get $g))))
     (br_if 1 (i64.eqz (local.get $x)))
     (local.set $pc (i32.const 4))
     (br $L))
    ;; case 4
    (return (i64.add (local.get $acc) (i64.const 7))))
    (i64.const -1))

  (func (export "classify") (param $v i32) (result i32) (local $t i32)
    (block $out (result i32)
      (local.set $t (i32.mul (local.get $v) (i32.const 7)))
      (drop (br_if $out (i32.const 10) (i32.eqz (local.get $v))))
      (block $inner
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br_if $inner (i32.lt_s (local.get $v) (i32.const 0)))
        (local.set $t (i32.xor (local.get $t) (i32.const 255)))
        (drop (br_if $out (local.get $t) (i32.gt_s (local.get $v) (i32.const 100)))))
      (local.set $t (i32.sub (local.get $t) (i32.const 3)))
      (if (i32.eq (local.get $v) (i32.const 5))
        (then (return (i32.const 55))))
      (br $out (i32.add (local.get $t) (i32.const 30)))))

  (func (export "divmod") (param $a i32) (param $b i32) (result i32 i32) (local $q i32) (local $r i32)
    (local.set $q (i32.const 0))
    (local.set $r (local.get $a))
    (block $done
      (loop $again
        (br_if $done (i32.lt_u (local.get $r) (local.get $b)))
        (local.set $r (i32.sub (local.get $r) (local.get $b)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (if (i32.gt_u (local.get $q) (i32.const 1000))
          (then (return (i32.const -1) (i32.const -1))))
        (br $again)))
    (local.get $q) (local.get $r))

  (func (export "sum") (param $n i32) (result i64) (local $i i32) (local $s i64)
    (block $b
      (loop $l
        (br_if $b (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.set $i (i32.const 0))
    (block $b2
      (loop $l2
        (br_if $b2 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (i64.add (local.get $s) (i64.extend_i32_u (i32.load (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l2)))
    (local.get $s))

  (func (export "trapper") (param $v i32) (result i32) (local $x i32)
    (local.set $x (i32.add (local.get $v) (i32.const 1)))
    (if (i32.eq (local.get $v) (i32.const 3)) (then (unreachable)))
    (local.set $x (i32.div_s (i32.const 100) (local.get $v)))
    (local.get $x))
)
