;; Matrix products with a mostly-zero left operand in WebAssembly SIMD (f32x4), run directly on the
;; tfjs wasm backend's heap: every pointer argument is a byte offset into the imported memory (a
;; tensor's `memoryOffset`), every length a count of float32 elements.
;;
;; Why: binarised images, bags of words and one-hot codes are 80–99% zeros, and a dense product
;; multiplies every one of them. Here each nonzero a[r, c] adds one row of b, scaled, to one row of
;; the output, so the work is (nonzeros × n) instead of (rows × cols × n). The caller
;; (electron/engine/kernels/wasm-sparse-matmul.ts) counts the nonzeros first and uses this only
;; below the density where it wins.
;;
;; Compiled by scripts/build-wasm-kernels.mjs (see elementwise.wat for the two variants). Plain
;; f32x4 arithmetic only: each lane rounds exactly as the scalar tail does, and every output element
;; is accumulated in the order of the shared index, so results never depend on position or vector
;; width. Zeros of a are skipped, so 0·∞ and 0·NaN in b contribute nothing (a dense product gives
;; NaN there); a NaN or ∞ in a is a nonzero and propagates.
(module
  (import "env" "memory" (memory 1))

  ;; dst[0..n) += v·src[0..n): one product then one sum per element, as the scalar tail does.
  (func $axpy (param $dst i32) (param $src i32) (param $v f32) (param $n i32)
    (local $i i32) (local $end i32) (local $V v128)
    (local.set $V (f32x4.splat (local.get $v)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (i32.add (local.get $dst) (local.get $i))
          (f32x4.add
            (v128.load (i32.add (local.get $dst) (local.get $i)))
            (f32x4.mul (local.get $V) (v128.load (i32.add (local.get $src) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $i))
          (f32.add
            (f32.load (i32.add (local.get $dst) (local.get $i)))
            (f32.mul (local.get $v) (f32.load (i32.add (local.get $src) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; dst[0..n) = 0
  (func $zero (param $dst i32) (param $n i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (i32.add (local.get $dst) (local.get $i)) (v128.const i32x4 0 0 0 0))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $i)) (f32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; How many of the n floats at $p are not zero (NaN counts as nonzero; −0 as zero).
  (func (export "countNonzero") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $end i32) (local $acc v128) (local $count i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        ;; a lane's comparison mask is −1 where the float is nonzero: subtracting counts it
        (local.set $acc
          (i32x4.sub (local.get $acc)
            (f32x4.ne (v128.load (i32.add (local.get $p) (local.get $i))) (v128.const f32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $count
      (i32.add
        (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
        (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $count
          (i32.add (local.get $count) (f32.ne (f32.load (i32.add (local.get $p) (local.get $i))) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail)))
    (local.get $count))

  ;; out = op(a)·b, a stored row-major as rows × cols, b as rows of n floats, out overwritten.
  ;;   transposed = 0: op(a) = a,  out is rows × n, out[r, :] += a[r, c]·b[c, :]  (b has cols rows)
  ;;   transposed ≠ 0: op(a) = aᵀ, out is cols × n, out[c, :] += a[r, c]·b[r, :]  (b has rows rows)
  ;; a is read once in storage order, four floats at a time, skipping groups that are all zero.
  (func (export "sparseProduct")
    (param $a i32) (param $rows i32) (param $cols i32) (param $b i32) (param $n i32) (param $out i32) (param $transposed i32)
    (local $r i32) (local $c i32) (local $p i32) (local $k i32) (local $v f32) (local $rowBytes i32) (local $groupEnd i32) (local $hit i32)
    (call $zero (local.get $out)
      (i32.mul (select (local.get $cols) (local.get $rows) (local.get $transposed)) (local.get $n)))
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $p (local.get $a))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $eachGroup
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            ;; the group is the next four floats, or the 1–3 left at the row's end
            (local.set $groupEnd (i32.add (local.get $c) (i32.const 4)))
            (if (i32.gt_u (local.get $groupEnd) (local.get $cols)) (then (local.set $groupEnd (local.get $cols))))
            ;; a short group is read float by float (a vector load could run past a's end)
            (if (i32.lt_u (i32.sub (local.get $groupEnd) (local.get $c)) (i32.const 4))
              (then (local.set $hit (i32.const 1)))
              (else (local.set $hit (v128.any_true (f32x4.ne (v128.load (local.get $p)) (v128.const f32x4 0 0 0 0))))))
            (if (local.get $hit)
              (then
                (local.set $k (local.get $c))
                (block $groupDone
                  (loop $eachColumn
                    (br_if $groupDone (i32.ge_u (local.get $k) (local.get $groupEnd)))
                    (local.set $v (f32.load (i32.add (local.get $p) (i32.shl (i32.sub (local.get $k) (local.get $c)) (i32.const 2)))))
                    (if (f32.ne (local.get $v) (f32.const 0))
                      (then
                        (call $axpy
                          (i32.add (local.get $out)
                            (i32.mul (select (local.get $k) (local.get $r) (local.get $transposed)) (local.get $rowBytes)))
                          (i32.add (local.get $b)
                            (i32.mul (select (local.get $r) (local.get $k) (local.get $transposed)) (local.get $rowBytes)))
                          (local.get $v) (local.get $n))))
                    (local.set $k (i32.add (local.get $k) (i32.const 1)))
                    (br $eachColumn)))))
            (local.set $p (i32.add (local.get $p) (i32.shl (i32.sub (local.get $groupEnd) (local.get $c)) (i32.const 2))))
            (local.set $c (local.get $groupEnd))
            (br $eachGroup)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))
)
