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

  ;; ---- Bernoulli log-likelihood with logits --------------------------------------------------
  ;; y = x·ℓ − softplus(ℓ), written as y = (x − h)·ℓ − log1p(e) with h = [ℓ ≥ 0] and
  ;; e = exp(−|ℓ|) ∈ [0, 1]: the same function (softplus(ℓ) = h·ℓ + log1p(e)) without the
  ;; cancellation of x·ℓ against softplus(ℓ) for saturated logits (exact (x − h) for x ∈ {0, 1}).
  ;; Gradients: ∂y/∂ℓ = x − σ(ℓ) = (x − h) + (h ? q : −q) with q = σ(−|ℓ|) = e/(1 + e), which keeps
  ;; its relative accuracy where σ(ℓ) rounds to 1; ∂y/∂x = ℓ.

  ;; exp(−a) for a ≥ 0, lane-wise (Cephes' expf: 2ⁿ·exp(r), r = −a − n·ln2 ∈ [−ln2/2, ln2/2], a
  ;; degree-7 polynomial; within 1 ulp). 0 for a > 87 (exp(−87) ≈ 1.6e-38, the bottom of the
  ;; normal range), so the absolute error there is below 1.7e-38.
  ;; n = round(x/ln2) by the magic-number trick: adding 1.5·2²³ + 127 rounds x/ln2 to an integer
  ;; in the low mantissa bits, which then hold n + 127, the biased exponent of 2ⁿ (faster than
  ;; floor + float-to-int conversion). pmin is the one-instruction min (a is never NaN here
  ;; unless ℓ is, and then the mask at the end gives 0 and the NaN comes through x·ℓ).
  (func $expNeg (param $a v128) (result v128)
    (local $x v128) (local $biased v128) (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.neg (f32x4.pmin (local.get $a) (f32x4.splat (f32.const 87)))))
    (local.set $biased
      (f32x4.add (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504088896341))) (f32x4.splat (f32.const 12583039))))
    (local.set $n (f32x4.sub (local.get $biased) (f32x4.splat (f32.const 12583039))))
    ;; r = x − n·ln2 with ln2 split in two (0.693359375 is exact in few bits, so n·C1 is exact)
    (local.set $r
      (f32x4.sub
        (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375))))
        (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.9875691500e-4)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.3981999507e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.3334519073e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.1665795894e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1.6666665459e-1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 5.0000001201e-1))))
    ;; exp(r) ≈ 1 + r + r²·p
    (local.set $p
      (f32x4.add
        (f32x4.add (f32x4.mul (local.get $p) (f32x4.mul (local.get $r) (local.get $r))) (local.get $r))
        (f32x4.splat (f32.const 1))))
    ;; × 2ⁿ, n ∈ [−126, 0]: n + 127 (the low bits of $biased) shifted into the exponent field
    (local.set $p (f32x4.mul (local.get $p) (i32x4.shl (local.get $biased) (i32.const 23))))
    (v128.and (local.get $p) (f32x4.le (local.get $a) (f32x4.splat (f32.const 87)))))

  ;; log1p(e) for e ∈ [0, 1], lane-wise: 2·atanh(s) with s = e/(2 + e) ∈ [0, 1/3], the series
  ;; 2s·(1 + s²/3 + s⁴/5 + … + s¹²/13), truncated below 2e-8 relative; ≈2 ulp, relative also for tiny e.
  (func $log1p01 (param $e v128) (result v128)
    (local $s v128) (local $s2 v128) (local $p v128)
    (local.set $s (f32x4.div (local.get $e) (f32x4.add (local.get $e) (f32x4.splat (f32.const 2)))))
    (local.set $s2 (f32x4.mul (local.get $s) (local.get $s)))
    (local.set $p (f32x4.splat (f32.const 0.0769230769230769)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 0.0909090909090909))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 0.1111111111111111))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 0.1428571428571428))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 0.2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 0.3333333333333333))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $s2)) (f32x4.splat (f32.const 1))))
    (f32x4.mul (f32x4.add (local.get $s) (local.get $s)) (local.get $p)))

  ;; The last 1–3 floats at $ptr as a vector (other lanes 0), and the way back: the tail goes through
  ;; the same vector code, so an element's result does not depend on its position.
  (func $loadTail (param $ptr i32) (param $count i32) (result v128)
    (local $v v128)
    (local.set $v (f32x4.replace_lane 0 (local.get $v) (f32.load (local.get $ptr))))
    (if (i32.ge_u (local.get $count) (i32.const 2))
      (then (local.set $v (f32x4.replace_lane 1 (local.get $v) (f32.load offset=4 (local.get $ptr))))))
    (if (i32.ge_u (local.get $count) (i32.const 3))
      (then (local.set $v (f32x4.replace_lane 2 (local.get $v) (f32.load offset=8 (local.get $ptr))))))
    (local.get $v))
  (func $storeTail (param $ptr i32) (param $count i32) (param $v v128)
    (f32.store (local.get $ptr) (f32x4.extract_lane 0 (local.get $v)))
    (if (i32.ge_u (local.get $count) (i32.const 2))
      (then (f32.store offset=4 (local.get $ptr) (f32x4.extract_lane 1 (local.get $v)))))
    (if (i32.ge_u (local.get $count) (i32.const 3))
      (then (f32.store offset=8 (local.get $ptr) (f32x4.extract_lane 2 (local.get $v))))))

  ;; y = x·ℓ − softplus(ℓ) for one vector.
  (func $bernoulliValue (param $x v128) (param $l v128) (result v128)
    (local $h v128)
    ;; h = 1 where ℓ ≥ 0 (the comparison's all-ones mask AND the bits of 1.0), else 0
    (local.set $h (v128.and (f32x4.ge (local.get $l) (f32x4.splat (f32.const 0))) (f32x4.splat (f32.const 1))))
    (f32x4.sub
      (f32x4.mul (f32x4.sub (local.get $x) (local.get $h)) (local.get $l))
      (call $log1p01 (call $expNeg (f32x4.abs (local.get $l))))))

  ;; ∂y/∂ℓ = x − σ(ℓ) for one vector.
  (func $bernoulliSlope (param $x v128) (param $l v128) (result v128)
    (local $mask v128) (local $e v128) (local $q v128)
    (local.set $mask (f32x4.ge (local.get $l) (f32x4.splat (f32.const 0))))
    (local.set $e (call $expNeg (f32x4.abs (local.get $l))))
    (local.set $q (f32x4.div (local.get $e) (f32x4.add (local.get $e) (f32x4.splat (f32.const 1)))))
    (f32x4.add
      (f32x4.sub (local.get $x) (v128.and (local.get $mask) (f32x4.splat (f32.const 1))))
      (v128.bitselect (local.get $q) (f32x4.neg (local.get $q)) (local.get $mask))))

  ;; out[i] = x[i]·ℓ[i] − softplus(ℓ[i]), i < n (x, ℓ, out of n floats each; out may alias an input).
  (func (export "bernoulliLogProb") (param $x i32) (param $l i32) (param $out i32) (param $n i32)
    (local $i i32) (local $end i32) (local $rest i32)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (call $bernoulliValue
            (v128.load (i32.add (local.get $x) (local.get $i)))
            (v128.load (i32.add (local.get $l) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest)
      (then
        (call $storeTail (i32.add (local.get $out) (local.get $i)) (local.get $rest)
          (call $bernoulliValue
            (call $loadTail (i32.add (local.get $x) (local.get $i)) (local.get $rest))
            (call $loadTail (i32.add (local.get $l) (local.get $i)) (local.get $rest)))))))

  ;; Backward of bernoulliLogProb: dx[i] = ℓ[i]·dy[i], dl[i] = (x[i] − σ(ℓ[i]))·dy[i].
  (func (export "bernoulliLogProbGrad") (param $x i32) (param $l i32) (param $dy i32) (param $dx i32) (param $dl i32) (param $n i32)
    (local $i i32) (local $end i32) (local $rest i32) (local $lv v128) (local $dyv v128)
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (block $done
      (loop $vectors
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $lv (v128.load (i32.add (local.get $l) (local.get $i))))
        (local.set $dyv (v128.load (i32.add (local.get $dy) (local.get $i))))
        (v128.store (i32.add (local.get $dl) (local.get $i))
          (f32x4.mul (call $bernoulliSlope (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $lv)) (local.get $dyv)))
        (v128.store (i32.add (local.get $dx) (local.get $i)) (f32x4.mul (local.get $lv) (local.get $dyv)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $vectors)))
    (local.set $rest (i32.and (local.get $n) (i32.const 3)))
    (if (local.get $rest)
      (then
        (local.set $lv (call $loadTail (i32.add (local.get $l) (local.get $i)) (local.get $rest)))
        (local.set $dyv (call $loadTail (i32.add (local.get $dy) (local.get $i)) (local.get $rest)))
        (call $storeTail (i32.add (local.get $dl) (local.get $i)) (local.get $rest)
          (f32x4.mul (call $bernoulliSlope (call $loadTail (i32.add (local.get $x) (local.get $i)) (local.get $rest)) (local.get $lv)) (local.get $dyv)))
        (call $storeTail (i32.add (local.get $dx) (local.get $i)) (local.get $rest) (f32x4.mul (local.get $lv) (local.get $dyv))))))
)
