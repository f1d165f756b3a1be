/**
 * The running statistics that moving-average and standardised baselines keep per latent: an
 * exponential moving average of the learning signal's batch mean and of its square. They are
 * training state, so checkpoints carry them and a resumed run continues with the same baselines.
 */
export interface BaselineStats {
  /** Moving average of the learning signal. */
  readonly mean: number;
  /** Moving average of its square (the variance is meanSquare − mean²). */
  readonly meanSquare: number;
  /** Updates so far; 0 until the first step has run. */
  readonly updates: number;
}

export class BaselineStates {
  private readonly stats = new Map<string, BaselineStats>();

  get(latent: string): BaselineStats | undefined {
    return this.stats.get(latent);
  }

  /** Folds one step's batch statistics in: m ← decay·m + (1 − decay)·batchMean (the first step sets m). */
  update(latent: string, batchMean: number, batchMeanSquare: number, decay: number): void {
    const old = this.stats.get(latent);
    if (!old) {
      this.stats.set(latent, { mean: batchMean, meanSquare: batchMeanSquare, updates: 1 });
      return;
    }
    this.stats.set(latent, {
      mean: decay * old.mean + (1 - decay) * batchMean,
      meanSquare: decay * old.meanSquare + (1 - decay) * batchMeanSquare,
      updates: old.updates + 1,
    });
  }

  toJSON(): Record<string, BaselineStats> {
    return Object.fromEntries(this.stats);
  }

  static fromJSON(json: Readonly<Record<string, BaselineStats>> | undefined): BaselineStates {
    const s = new BaselineStates();
    for (const [k, v] of Object.entries(json ?? {})) {
      if (![v.mean, v.meanSquare, v.updates].every(Number.isFinite)) throw new Error(`the baseline state of latent ${k} is not finite`);
      s.stats.set(k, { mean: v.mean, meanSquare: v.meanSquare, updates: v.updates });
    }
    return s;
  }
}
