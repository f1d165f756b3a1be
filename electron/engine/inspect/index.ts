/** What the app's panels show about a trained model, as plain data: no tensor leaves the engine. */
export { sampleForEachClass, sampleFromPrior, type GeneratedSamples, type SamplesByClass } from './generate';
export { reconstruct, type Reconstruction } from './reconstruct';
export { encodeLatents, type LatentMap } from './latent-map';
export { pca2, type Pca2 } from './pca';
export { firstRows, modelColumns } from './rows';
export { buildInspection, type InspectionOptions } from './inspection';
export { imageShapeOf, type ImageShape } from './image-shape';
export { toImageSet } from './pixels';
export { classAgreement, type ClassAgreement } from './class-agreement';
