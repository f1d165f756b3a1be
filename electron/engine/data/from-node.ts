import type { AnalyzedNode, CountsParams, CsvParams, GaussianMixtureParams, MnistParams, MobyDickParams, NoisySineParams, TextParams, TwoMoonsParams } from '../../../shared/graph/index';
import type { DataSplits } from './dataset';
import { loadMnist } from './mnist';
import { withLabelsWithheld } from './labelled-subset';
import { gaussianMixture, twoMoons } from './synthetic';
import { loadCsv } from './csv';
import { counts } from './counts';
import { noisySine } from './noisy-sine';
import { splitHeldOut } from './split';
import { resolveDataPath } from './confine';
import { loadMobyDick } from './moby-dick';
import { loadText } from './text';

/**
 * Loads the training and held-out splits a data node describes. MNIST has its own test split;
 * the other sets are split at random by their held-out fraction and seed.
 *
 * @param baseDir the folder relative paths (a CSV's) are resolved against: the graph file's folder
 * @param root web mode: the project folder, outside which no file may be read (see resolveDataPath)
 */
export function loadDataSplits(a: AnalyzedNode, baseDir: string, root?: string): DataSplits {
  switch (a.node.kind) {
    case 'data.mnist': {
      const p = a.params as MnistParams;
      const train = loadMnist({ split: 'train', pixels: p.pixels, ...(p.limit ? { limit: p.limit } : {}) });
      let labelled = train;
      try {
        if (p.labelled !== undefined) labelled = withLabelsWithheld(train, { labelled: p.labelled, seed: p.labelSeed, unlabelled: p.unlabelled });
      } catch (e) {
        (e as Error).message = `MNIST node ${a.node.name}: ${(e as Error).message}`;
        throw e;
      }
      // Held-out labels are all kept: they measure the accuracy of q(y | x).
      return { train: labelled, heldOut: loadMnist({ split: 'test', pixels: p.pixels }) };
    }
    case 'data.twoMoons': {
      const p = a.params as TwoMoonsParams;
      return splitHeldOut(twoMoons({ n: p.n, noise: p.noise, seed: p.seed }), { fraction: p.heldOutFraction, seed: p.seed });
    }
    case 'data.gaussianMixture': {
      const p = a.params as GaussianMixtureParams;
      return splitHeldOut(gaussianMixture({ n: p.n, components: p.components, std: p.std, radius: p.radius, seed: p.seed }), { fraction: p.heldOutFraction, seed: p.seed });
    }
    case 'data.noisySine': {
      const p = a.params as NoisySineParams;
      return splitHeldOut(noisySine({ n: p.n, noise: p.noise, heteroscedastic: p.heteroscedastic, seed: p.seed }), { fraction: p.heldOutFraction, seed: p.seed });
    }
    case 'data.counts': {
      const p = a.params as CountsParams;
      const { dataset } = counts({ n: p.n, process: p.process, rate: p.rate, weibullScale: p.weibullScale, weibullConcentration: p.weibullConcentration, seed: p.seed });
      return splitHeldOut(dataset, { fraction: p.heldOutFraction, seed: p.seed });
    }
    case 'data.csv': {
      const p = a.params as CsvParams;
      const path = resolveDataPath(p.path, baseDir, root, `the file of CSV node ${a.node.name}`);
      // Messages name the file as the graph does: the resolved path is the server's, not the user's.
      const ds = loadCsv(path, { columns: p.columns, ...(p.labelColumn ? { labelColumn: p.labelColumn } : {}) }, p.path);
      return splitHeldOut(ds, { fraction: p.heldOutFraction, seed: p.seed });
    }
    case 'data.text': {
      const p = a.params as TextParams;
      const path = resolveDataPath(p.path, baseDir, root, `the file of text node ${a.node.name}`);
      try {
        return loadText(path, p, p.path);
      } catch (e) {
        (e as Error).message = `text node ${a.node.name}: ${(e as Error).message}`;
        throw e;
      }
    }
    case 'data.mobyDick':
      try {
        return loadMobyDick(a.params as MobyDickParams);
      } catch (e) {
        (e as Error).message = `text node ${a.node.name}: ${(e as Error).message}`;
        throw e;
      }
    default:
      throw new Error(`data node ${a.node.name} is of kind '${a.node.kind}', which the engine cannot load`);
  }
}
