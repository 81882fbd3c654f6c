;; Direct calls, indirect calls and globals.
(module
  (type $binop (func (param i32 i32) (result i32)))

  ;; Recursive Fibonacci: two direct calls per non-leaf call.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  (func $op0 (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $op1 (type $binop) (i32.xor (i32.rotl (local.get 0) (i32.const 5)) (local.get 1)))
  (func $op2 (type $binop) (i32.add (i32.mul (local.get 0) (i32.const 33)) (local.get 1)))
  (func $op3 (type $binop) (i32.sub (local.get 0) (i32.shr_u (local.get 1) (i32.const 1))))
  (table 4 4 funcref)
  (elem (i32.const 0) $op0 $op1 $op2 $op3)

  ;; call_indirect through the table in a loop: acc = table[i & 3](acc, i), for i < n.
  (func (export "indirect") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (loop $l
        (local.set $acc
          (call_indirect (type $binop)
            (local.get $acc) (local.get $i) (i32.and (local.get $i) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (local.get $acc))

  (global $count (mut i32) (i32.const 0))
  (global $sum (mut i32) (i32.const 0))

  ;; Counters kept in mutable globals (every step reads and writes them):
  ;;   count = 0; sum = 0; for (i < n) { count += 1; sum = rotl(sum, 1) ^ (count * i) }
  ;;   return sum ^ count
  (func (export "globals") (param $n i32) (result i32)
    (local $i i32)
    (global.set $count (i32.const 0))
    (global.set $sum (i32.const 0))
    (block $done
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (loop $l
        (global.set $count (i32.add (global.get $count) (i32.const 1)))
        (global.set $sum (i32.xor (i32.rotl (global.get $sum) (i32.const 1))
                                  (i32.mul (global.get $count) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
    (i32.xor (global.get $sum) (global.get $count))))
