import * as tf from '@tensorflow/tfjs';
import type { GraphFile } from '../../../shared/graph/index';
import { CompiledModel } from '../compile/model';
import type { DataSplits } from '../data/dataset';
import { analyzeWithData } from '../train/trainer';
import { disposingScope } from '../scope';

/**
 * A graph variant compiled with the weights of `source`: the estimator is read from the analysed
 * graph (`latentEstimator`), so a variant is a graph with other settings, analysed like any graph
 * (its problems refuse it) and compiled anew; its variables then take the source's values by name.
 * The caller disposes the model. @throws GraphInvalidError when the analysis refuses the variant
 */
export function compileVariant(doc: GraphFile, dataNodeId: string, data: DataSplits, source: CompiledModel): CompiledModel {
  const analysis = analyzeWithData(doc, dataNodeId, data);
  const model = new CompiledModel(analysis, doc.training);
  model.trainingExamples = source.trainingExamples;
  const values = new Map(source.namedVariables);
  for (const [name, v] of model.namedVariables) {
    const from = values.get(name);
    if (!from) {
      model.dispose();
      throw new Error(`internal: the variant has a variable ${name} that the model it copies lacks`);
    }
    disposingScope(() => v.assign(tf.clone(from)));
  }
  return model;
}
