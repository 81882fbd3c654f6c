;; A dispatch loop in the shape Go's wasm backend gives every function: a loop around empty
;; blocks, `local.get $pc; br_table`, the cases after the blocks' ends, and jumps written as
;; `i32.const k; local.set $pc; br $L`. $pc is the first parameter, a resume point, as in Go.
;; DispatchThreadingTest runs it against a plain Java rendering of the same state machine.
(module
  ;; The same shape with 65 memory accesses, more than FunctionEmitter threads: its jumps keep
  ;; going through the switch. It sums memory words 0..64, n times.
  (memory (export "mem") 1)
  (func (export "heavy") (param $pc i32) (param $n i32) (result i32)
    (local $sum i32)
    (block $exit
      (loop $L
        (block $B1 (block $B0
          (br_table $B0 $B1 (local.get $pc)))
        ;; case 0: the loop's test
        (if (i32.eqz (local.get $n)) (then (local.set $pc (i32.const 1)) (br $L)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=0 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=4 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=8 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=12 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=16 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=20 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=24 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=28 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=32 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=36 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=40 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=44 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=48 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=52 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=56 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=60 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=64 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=68 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=72 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=76 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=80 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=84 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=88 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=92 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=96 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=100 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=104 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=108 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=112 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=116 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=120 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=124 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=128 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=132 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=136 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=140 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=144 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=148 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=152 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=156 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=160 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=164 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=168 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=172 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=176 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=180 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=184 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=188 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=192 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=196 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=200 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=204 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=208 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=212 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=216 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=220 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=224 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=228 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=232 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=236 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=240 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=244 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=248 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=252 (i32.const 0))))
        (local.set $sum (i32.add (local.get $sum) (i32.load offset=256 (i32.const 0))))
        (local.set $pc (i32.const 0))
        (br $L))
      ;; case 1
      (br $exit)))
    (local.get $sum))
  (func (export "machine") (param $pc i32) (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $exit
      (loop $L
        (block $B5 (block $B4 (block $B3 (block $B2 (block $B1 (block $B0
          (br_table $B0 $B1 $B2 $B3 $B4 $B5 (local.get $pc)))
          ;; case 0: start, falls into case 1
          (local.set $i (i32.const 0))
          (local.set $acc (i64.const 1)))
         ;; case 1: the loop's test; a forward jump to case 3
         (if (i32.ge_u (local.get $i) (local.get $n))
           (then (local.set $pc (i32.const 3)) (br $L))))
        ;; case 2: the loop's body; a backward jump to case 1
        (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 3)) (i64.extend_i32_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $pc (i32.const 1))
        (br $L))
       ;; case 3: even to case 4 through a computed index (not a constant); odd to index 100,
       ;; past the table: the default, case 5, with a value on the stack that the branch drops
       (if (i64.eqz (i64.and (local.get $acc) (i64.const 1)))
         (then (local.set $pc (i32.add (i32.const 2) (i32.const 2))) (br $L)))
       i64.const 99
       i32.const 100
       local.set $pc
       br $L)
      ;; case 4
      (local.set $acc (i64.sub (i64.const 0) (local.get $acc)))
      (br $exit))
     ;; case 5, the default
     (local.set $acc (i64.add (local.get $acc) (i64.const 1000000)))
     (br $exit)))
    (local.get $acc)))
