;; Bulk memory: memory.fill and memory.copy on a fixed memory, and memory.grow.
(module
  (memory (export "memory") 4) ;; 256 KiB, grows from there

  ;; n rounds of: fill a 4 KiB block at 0 with the round number, then 16 copies of 256 bytes
  ;; out of it (plus a misaligned 2 KiB copy inside the output area), summing a word from each.
  (func (export "fill_copy") (param $n i32) (result i32)
    (local $r i32) (local $k i32) (local $dst i32) (local $acc i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (loop $rounds
        (memory.fill (i32.const 0) (local.get $r) (i32.const 4096))
        (local.set $k (i32.const 0))
        (loop $copies
          (local.set $dst
            (i32.add (i32.const 8192)
              (i32.add (i32.shl (local.get $k) (i32.const 8)) (i32.and (local.get $r) (i32.const 15)))))
          (memory.copy (local.get $dst) (i32.mul (local.get $k) (i32.const 200)) (i32.const 256))
          (local.set $acc (i32.add (i32.rotl (local.get $acc) (i32.const 1))
                                   (i32.load (i32.add (local.get $dst) (i32.const 17)))))
          (br_if $copies (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (i32.const 16))))
        (memory.copy (i32.const 16384) (i32.add (i32.const 8193) (i32.and (local.get $r) (i32.const 7))) (i32.const 2048))
        (local.set $acc (i32.xor (local.get $acc) (i32.load (i32.const 16400))))
        (br_if $rounds (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 1))) (local.get $n)))))
    (local.get $acc))

  ;; Grows the memory one page at a time, n times; fills each new page and copies the first
  ;; KiB of the previous page into its middle. Meant for a fresh instance each call.
  (func (export "grow") (param $n i32) (result i32)
    (local $k i32) (local $old i32) (local $base i32) (local $acc i32)
    (block $done
      (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
      (loop $l
        (local.set $old (memory.grow (i32.const 1)))
        (if (i32.eq (local.get $old) (i32.const -1)) (then (unreachable)))
        (local.set $base (i32.shl (local.get $old) (i32.const 16)))
        (memory.fill (local.get $base) (i32.add (local.get $k) (i32.const 1)) (i32.const 65536))
        (memory.copy (i32.add (local.get $base) (i32.const 32768))
                     (i32.sub (local.get $base) (i32.const 65536)) (i32.const 1024))
        (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31))
                                 (i32.load (i32.add (local.get $base) (i32.const 32768)))))
        (br_if $l (i32.lt_u (local.tee $k (i32.add (local.get $k) (i32.const 1))) (local.get $n)))))
    (i32.add (local.get $acc) (memory.size))))
