export { describeMaths, mathsOfAnalysis } from './describe';
export { mathsFormulas, mathsLatex } from './document';
export { markedMathsOfAnalysis, type MarkedMaths, type MarkedMathsResult } from './marked';
export { factorNodes, type MarkedFormula, type MarkedTerm } from './marks';
export type { EstimatorMaths, FactorMaths, KlTerm, MathsResult, MathsTerm, ModelMaths, ObjectiveMaths } from './types';
export type { ParameterMaths } from './families';
