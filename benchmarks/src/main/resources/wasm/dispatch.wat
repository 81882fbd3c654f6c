;; br_table dispatch in a loop.
(module
  (memory (export "memory") 1)
  ;; A little "bytecode" program: (opcode, immediate) byte pairs.
  ;;   0: ADD 7      acc += imm
  ;;   2: MUL 31     acc *= imm
  ;;   4: XSHR 13    acc ^= acc >>> imm
  ;;   6: ROTL 5     acc = rotl(acc, imm)
  ;;   8: ADDCNT     acc += cnt
  ;;  10: LOOP 0     if (--cnt != 0) pc = imm
  ;;  12: HALT       return acc
  (data (i32.const 0) "\00\07\01\1f\02\0d\03\05\04\00\05\00\06\00")

  ;; An interpreter loop: fetch an opcode from memory, br_table to its handler, branch back.
  ;; Runs the program above with cnt = n (6 dispatches per round).
  (func (export "interp") (param $cnt i32) (result i32)
    (local $pc i32) (local $acc i32) (local $op i32) (local $imm i32)
    (loop $next
      (local.set $op (i32.load8_u (local.get $pc)))
      (local.set $imm (i32.load8_u offset=1 (local.get $pc)))
      (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
      (block $halt
        (block $loop
          (block $addcnt
            (block $rotl
              (block $xshr
                (block $mul
                  (block $add
                    (br_table $add $mul $xshr $rotl $addcnt $loop $halt $halt (local.get $op)))
                  (local.set $acc (i32.add (local.get $acc) (local.get $imm)))
                  (br $next))
                (local.set $acc (i32.mul (local.get $acc) (local.get $imm)))
                (br $next))
              (local.set $acc (i32.xor (local.get $acc) (i32.shr_u (local.get $acc) (local.get $imm))))
              (br $next))
            (local.set $acc (i32.rotl (local.get $acc) (local.get $imm)))
            (br $next))
          (local.set $acc (i32.add (local.get $acc) (local.get $cnt)))
          (br $next))
        (local.set $cnt (i32.sub (local.get $cnt) (i32.const 1)))
        (if (local.get $cnt) (then (local.set $pc (local.get $imm))))
        (br $next)))
    (local.get $acc))

  ;; The same state machine exactly as Go 1.21-1.23 emit it (cmd/compile/internal/wasm, BlockIf):
  ;; a block falls through into the next, and every jump is `i32.const k; local.set $pc;
  ;; br $dispatch` inside the `if` that decides it (gostyle sets $pc in both arms and branches
  ;; once, a shape Go does not produce).
  (func (export "goshape") (param $n i32) (result i32)
    (local $pc i32) (local $i i32) (local $acc i32)
    (loop $dispatch
      (block $b5
        (block $b4
          (block $b3
            (block $b2
              (block $b1
                (block $b0
                  (br_table $b0 $b1 $b2 $b3 $b4 $b5 (local.get $pc)))
                ;; b0: entry, falls through to b1
                (local.set $i (i32.const 0))
                (local.set $acc (i32.const 0)))
              ;; b1: loop header; falls through to b2 while i < n
              (if (i32.ge_u (local.get $i) (local.get $n))
                (then (local.set $pc (i32.const 5)) (br $dispatch))))
            ;; b2: odd falls through to b3, even jumps to b4
            (if (i32.eqz (i32.and (local.get $i) (i32.const 1)))
              (then (local.set $pc (i32.const 4)) (br $dispatch))))
          ;; b3: odd
          (local.set $acc (i32.add (local.get $acc)
            (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $pc (i32.const 1))
          (br $dispatch))
        ;; b4: even
        (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 3)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $pc (i32.const 1))
        (br $dispatch))
      ;; b5: exit
      (return (local.get $acc)))
    (unreachable))

  ;; The shape Go's wasm backend gives a function: one loop around a br_table on a PC local,
  ;; one block per basic block; every jump sets the PC and branches back through the dispatch.
  ;; Computes: acc = 0; for (i = 0; i < n; i++) acc = (i odd) ? acc + 3i + 1 : rotl(acc, 3) ^ i
  (func (export "gostyle") (param $n i32) (result i32)
    (local $pc i32) (local $i i32) (local $acc i32)
    (loop $dispatch
      (block $b5
        (block $b4
          (block $b3
            (block $b2
              (block $b1
                (block $b0
                  (br_table $b0 $b1 $b2 $b3 $b4 $b5 (local.get $pc)))
                ;; b0: entry
                (local.set $i (i32.const 0))
                (local.set $acc (i32.const 0))
                (local.set $pc (i32.const 1))
                (br $dispatch))
              ;; b1: loop header
              (if (i32.ge_u (local.get $i) (local.get $n))
                (then (local.set $pc (i32.const 5)))
                (else (local.set $pc (i32.const 2))))
              (br $dispatch))
            ;; b2: branch on parity
            (if (i32.and (local.get $i) (i32.const 1))
              (then (local.set $pc (i32.const 3)))
              (else (local.set $pc (i32.const 4))))
            (br $dispatch))
          ;; b3: odd
          (local.set $acc (i32.add (local.get $acc)
            (i32.add (i32.mul (local.get $i) (i32.const 3)) (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $pc (i32.const 1))
          (br $dispatch))
        ;; b4: even
        (local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 3)) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $pc (i32.const 1))
        (br $dispatch))
      ;; b5: exit
      (return (local.get $acc)))
    (unreachable)))
