import { analyzeGraph, isTrainable, type Analysis, type GraphFile, type KnownTypes } from '../../../shared/graph/index';
import type { DataSplits } from '../data/dataset';
import { GraphInvalidError } from './errors';

/**
 * The analysis of a graph whose data are loaded: what the data say (a label column's classes)
 * refines the types. The estimator lab analyses variants of a graph this way without reloading
 * its data. @throws GraphInvalidError when the graph cannot train
 */
export function analyzeWithData(doc: GraphFile, dataNodeId: string, data: DataSplits): Analysis {
  const known: Record<string, Record<string, { categories: number }>> = {};
  const label = data.train.columns.label;
  if (label?.categories) known[dataNodeId] = { label: { categories: label.categories } };
  const analysis = analyzeGraph(doc.graph, known as KnownTypes, doc.training);
  if (!isTrainable(analysis.problems)) throw new GraphInvalidError(analysis.problems);
  return analysis;
}
