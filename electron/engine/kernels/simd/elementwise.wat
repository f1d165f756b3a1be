;; Element-wise training kernels in WebAssembly SIMD (f32x4), run directly on the tfjs wasm
;; backend's heap: every pointer argument is a byte offset into the imported memory (a tensor's
;; `memoryOffset`), every length a count of float32 elements.
;;
;; Compiled by scripts/build-wasm-kernels.mjs into elementwise-wasm.ts, twice: as written here
;; (for the single-threaded tfjs build, whose memory is not shared) and with the memory import
;; below rewritten to `(memory 1 65536 shared)` (for the threaded build's shared memory). Edit
;; this file, then run `npm run build:wasm-kernels`; a unit test fails while the
;; committed bytes are stale.
;;
;; Plain f32x4 arithmetic only (no relaxed SIMD, no fused multiply-add): each lane rounds exactly
;; as the scalar f32 tail does, so a result never depends on an element's position.
(module
  (import "env" "memory" (memory 1))

  ;; One Adam step, PyTorch's form (see electron/engine/kernels/adam-update.ts):
  ;;   m' = β₁·m + (1−β₁)·g
  ;;   v' = β₂·v + ((1−β₂)·g)·g
  ;;   p' = p − (stepSize·m') / (√v'·invSqrtBias2 + ε)
  ;; in float32, in that order of operations. Reads p, g, m, v and writes p', m', v' (n floats
  ;; each, fresh tensors that do not overlap the inputs).
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $op i32) (param $om i32) (param $ov i32) (param $n i32)
    (param $beta1 f32) (param $c1 f32) (param $beta2 f32) (param $c2 f32)
    (param $stepSize f32) (param $invSqrtBias2 f32) (param $epsilon f32)
    (local $i i32) (local $end i32)
    (local $gv v128) (local $mv v128) (local $vv v128)
    (local $B1 v128) (local $C1 v128) (local $B2 v128) (local $C2 v128)
    (local $S v128) (local $I v128) (local $E v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $B1 (f32x4.splat (local.get $beta1)))
    (local.set $C1 (f32x4.splat (local.get $c1)))
    (local.set $B2 (f32x4.splat (local.get $beta2)))
    (local.set $C2 (f32x4.splat (local.get $c2)))
    (local.set $S (f32x4.splat (local.get $stepSize)))
    (local.set $I (f32x4.splat (local.get $invSqrtBias2)))
    (local.set $E (f32x4.splat (local.get $epsilon)))
    ;; $i and $end are byte offsets; whole vectors first: 16 bytes = 4 floats.
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $mv
          (f32x4.add
            (f32x4.mul (local.get $B1) (v128.load (i32.add (local.get $m) (local.get $i))))
            (f32x4.mul (local.get $C1) (local.get $gv))))
        (local.set $vv
          (f32x4.add
            (f32x4.mul (local.get $B2) (v128.load (i32.add (local.get $v) (local.get $i))))
            (f32x4.mul (f32x4.mul (local.get $C2) (local.get $gv)) (local.get $gv))))
        (v128.store (i32.add (local.get $om) (local.get $i)) (local.get $mv))
        (v128.store (i32.add (local.get $ov) (local.get $i)) (local.get $vv))
        (v128.store (i32.add (local.get $op) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f32x4.div
              (f32x4.mul (local.get $S) (local.get $mv))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $vv)) (local.get $I)) (local.get $E)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    ;; The 0–3 floats left, one at a time, with the same operations.
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $ms
          (f32.add
            (f32.mul (local.get $beta1) (f32.load (i32.add (local.get $m) (local.get $i))))
            (f32.mul (local.get $c1) (local.get $gs))))
        (local.set $vs
          (f32.add
            (f32.mul (local.get $beta2) (f32.load (i32.add (local.get $v) (local.get $i))))
            (f32.mul (f32.mul (local.get $c2) (local.get $gs)) (local.get $gs))))
        (f32.store (i32.add (local.get $om) (local.get $i)) (local.get $ms))
        (f32.store (i32.add (local.get $ov) (local.get $i)) (local.get $vs))
        (f32.store (i32.add (local.get $op) (local.get $i))
          (f32.sub
            (f32.load (i32.add (local.get $p) (local.get $i)))
            (f32.div
              (f32.mul (local.get $stepSize) (local.get $ms))
              (f32.add (f32.mul (f32.sqrt (local.get $vs)) (local.get $invSqrtBias2)) (local.get $epsilon)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail)))
  )
)
