;; Integer arithmetic in loops: no memory, no calls.
(module
  ;; 32-bit LCG feeding a rotate/xor/shift mix.
  ;;   x = x * 1664525 + 1013904223; acc = rotl(acc ^ x, 7) + (x >>> 3)
  (func (export "lcg32") (param $x i32) (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
        (local.set $acc
          (i32.add
            (i32.rotl (i32.xor (local.get $acc) (local.get $x)) (i32.const 7))
            (i32.shr_u (local.get $x) (i32.const 3))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $acc))

  ;; xorshift64 (13, 7, 17) with a multiplicative output mix summed into acc.
  (func (export "xorshift64") (param $x i64) (param $n i32) (result i64)
    (local $acc i64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $l
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
        (local.set $acc (i64.add (local.get $acc) (i64.mul (local.get $x) (i64.const 0x2545F4914F6CDD1D))))
        (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $acc))

  ;; Integer hash with division: murmur3's fmix32 of (h ^ i), then a signed division and an
  ;; unsigned remainder by small non-constant divisors (which wasm must check for traps).
  (func (export "hash32") (param $n i32) (result i32)
    (local $i i32) (local $h i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (loop $l
        (local.set $h (i32.xor (local.get $h) (local.get $i)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
        (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
        (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
        (local.set $h (i32.add (local.get $h)
          (i32.div_s (local.get $h) (i32.or (i32.and (local.get $i) (i32.const 255)) (i32.const 1)))))
        (local.set $h (i32.xor (local.get $h)
          (i32.rem_u (local.get $h) (i32.add (i32.and (local.get $i) (i32.const 127)) (i32.const 3)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $h)))
