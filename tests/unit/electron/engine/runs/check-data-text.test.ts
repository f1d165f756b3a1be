import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkData } from '../../../../../electron/engine/runs/check-data';
import { RunRequestError } from '../../../../../electron/engine/runs/run-request-error';
import { bowOnTextFile } from '../../../../helpers/bow-text';

/** The bag-of-words template on documents.txt with its text node's vocabulary set. */
const bow = (vocabularySize: number) => bowOnTextFile(vocabularySize);

async function refusal(p: Promise<void>): Promise<RunRequestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RunRequestError) return e;
    throw e;
  }
  throw new Error('the data was accepted');
}

describe('checking a text node\'s file before a run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-text-'));
  writeFileSync(join(dir, 'documents.txt'), 'a b c a\nb c d\na a b\n');

  it('accepts a file whose training lines fill the vocabulary', async () => {
    await expect(checkData(bow(3), dir, undefined)).resolves.toBeUndefined();
  });

  it('refuses a missing file and a vocabulary the file cannot fill, naming the node and the setting', async () => {
    const missing = await refusal(checkData(bow(3), join(dir, 'nowhere'), undefined));
    expect(missing.message).toMatch(/text node docs: cannot read text file documents\.txt: no such file/);
    expect(missing.problems).toEqual([expect.objectContaining({ code: 'data-file', nodeId: 'docs', param: 'path' })]);
    const large = await refusal(checkData(bow(50), dir, undefined));
    expect(large.message).toMatch(/text node docs: documents\.txt: the training lines have \d distinct words .* at most \d/);
    expect(large.problems).toEqual([expect.objectContaining({ code: 'data-format', nodeId: 'docs', param: 'vocabularySize' })]);
  });

  it('refuses a file outside the project folder in web mode', async () => {
    const e = await refusal(checkData(bow(3), dir, mkdtempSync(join(tmpdir(), 'check-text-root-'))));
    expect(e.message).toMatch(/outside the project folder/);
  });
});
