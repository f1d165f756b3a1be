export { describeMaths } from './describe';
export { mathsFormulas, mathsLatex } from './document';
export type { EstimatorMaths, FactorMaths, KlTerm, MathsResult, MathsTerm, ModelMaths, ObjectiveMaths } from './types';
export type { ParameterMaths } from './families';
