import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Wasm, type WasmMemory } from '../../../electron/engine/kernels/simd/instance';

/**
 * The committed TypeScript modules holding the kernels' wasm bytes must be what the .wat sources
 * assemble to now: edit a .wat without rerunning `npm run build:wasm-kernels` and this
 * fails. Also checks that both variants are valid modules with the memory import they claim.
 */
interface Script {
  watFiles(): string[];
  outputPath(wat: string): string;
  compileWat(wat: string): Promise<string>;
}

// A computed specifier: the script is plain JavaScript, without types to check.
const script = new URL('../../../scripts/build-wasm-kernels.mjs', import.meta.url).href;
const { watFiles, outputPath, compileWat } = (await import(script)) as Script;

describe('build-wasm-kernels', () => {
  it('finds the kernel sources', () => {
    expect(watFiles().map((f) => f.split('/').pop())).toContain('elementwise.wat');
  });

  it.each(watFiles().map((f) => [f.split('/').pop()!, f]))('committed bytes of %s are up to date', async (_name, wat) => {
    expect(readFileSync(outputPath(wat), 'utf8')).toBe(await compileWat(wat));
  });

  it('assembles one variant for an unshared memory and one for a shared memory of at most 65536 pages', async () => {
    const { PLAIN_MEMORY_WASM, SHARED_MEMORY_WASM } = await import('../../../electron/engine/kernels/simd/elementwise-wasm');
    const memoryImport = (b64: string) => Wasm.Module.imports(new Wasm.Module(Buffer.from(b64, 'base64')));
    expect(memoryImport(PLAIN_MEMORY_WASM)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(memoryImport(SHARED_MEMORY_WASM)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const plain = new Wasm.Memory({ initial: 1 });
    const shared = new Wasm.Memory({ initial: 1, maximum: 65536, shared: true });
    const instantiate = (b64: string, memory: WasmMemory) => new Wasm.Instance(new Wasm.Module(Buffer.from(b64, 'base64')), { env: { memory } });
    expect(() => instantiate(PLAIN_MEMORY_WASM, plain)).not.toThrow();
    expect(() => instantiate(SHARED_MEMORY_WASM, shared)).not.toThrow();
    // The wrong pairing is refused, which is why there are two.
    expect(() => instantiate(PLAIN_MEMORY_WASM, shared)).toThrow();
    expect(() => instantiate(SHARED_MEMORY_WASM, plain)).toThrow();
  });
});
