import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGraphFile, type GraphFile } from '../../shared/graph/index';

/** Path of a file under assets/examples. */
export function examplePath(name: string): string {
  return fileURLToPath(new URL(`../../assets/examples/${name}`, import.meta.url));
}

/** The shipped examples, by file name without .json. */
export type ExampleName =
  | 'vae-mnist'
  | 'classifier-mnist'
  | 'vae-two-moons'
  | 'mixture-enumeration'
  | 'factors-mnist'
  | 'gumbel-vae-mnist'
  | 'kumaraswamy-beta-mnist'
  | 'maf-two-moons'
  | 'bow-vae-text'
  | 'cvae-mnist'
  | 'advi-weibull-poisson'
  | 'iaf-vae-mnist'
  | 'sentence-vae-text'
  | 'm2-mnist'
  | 'regressor-sine';

/** A parsed example graph (a fresh copy each call, safe to mutate). */
export function loadExample(name: ExampleName): GraphFile {
  return parseGraphFile(readFileSync(examplePath(`${name}.json`), 'utf8'));
}
