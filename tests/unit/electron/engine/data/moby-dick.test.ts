import { describe, expect, it } from 'vitest';
import { loadMobyDick, mobyDickDocuments } from '../../../../../electron/engine/data/moby-dick';
import { tokenize } from '../../../../../electron/engine/data/text-tokens';
import { checkData } from '../../../../../electron/engine/runs/check-data';
import { RunRequestError } from '../../../../../electron/engine/runs/run-request-error';
import { mobyDickKind } from '../../../../../shared/graph/index';
import { loadExample } from '../../../../helpers/examples';

describe('Moby-Dick, the text shipped with the app', () => {
  it('is the novel from "Call me Ishmael." to the epilogue\'s last words, 135 chapters and the epilogue in 2,425 paragraphs', () => {
    const paragraphs = mobyDickDocuments('paragraph');
    expect(paragraphs.length).toBe(2425);
    expect(paragraphs[0]).toMatch(/^Call me Ishmael\. Some years ago—never mind how long precisely—/);
    expect(paragraphs.at(-1)).toMatch(/only found another orphan\.$/);
    // The front matter (contents, etymology, extracts) is not part of it.
    expect(paragraphs.some((p) => /^EXTRACTS/.test(p))).toBe(false);
  });

  it('splits paragraphs into sentences at . ! ? before a capital, keeping every word', () => {
    const sentences = mobyDickDocuments('sentence');
    expect(sentences.slice(0, 3)).toEqual([
      'Call me Ishmael.',
      'Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.',
      'It is a way I have of driving off the spleen and regulating the circulation.',
    ]);
    const words = (texts: string[]) => texts.join(' ').split(/\s+/).length;
    expect(words(sentences)).toBe(words(mobyDickDocuments('paragraph')));
  });

  it('encodes as a text file would: every document split, the counts those of its tokens', () => {
    const p = mobyDickKind.params.parse({ vocabularySize: 500, heldOutFraction: 0.2 });
    const d = loadMobyDick(p);
    expect(d.train.length + d.heldOut.length).toBe(2425);
    expect(d.heldOut.length).toBe(485);
    expect(d.train.vocabulary.length).toBe(500);
    // Reserved ids, then by count: in Melville the comma outnumbers "the".
    expect(d.train.vocabulary.slice(0, 4)).toEqual(['<pad>', '<unk>', ',', 'the']);
    // Every token of every document is counted once, in the vocabulary or as the unknown token.
    const counted = [d.train, d.heldOut].reduce((sum, ds) => sum + ds.columns.counts!.values.reduce((a, b) => a + b, 0), 0);
    const tokens = mobyDickDocuments('paragraph').reduce((sum, text) => sum + tokenize(text, true).length, 0);
    expect(counted).toBe(tokens);
  });

  it('is refused before a run when its words cannot fill the vocabulary, naming the node and the setting', async () => {
    const doc = loadExample('bow-vae-text');
    const docs = doc.graph.nodes.find((n) => n.id === 'docs')!;
    docs.params = { ...docs.params, vocabularySize: 50_000 };
    const e = await checkData(doc, '/nonexistent', undefined).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(RunRequestError);
    expect((e as RunRequestError).message).toMatch(/text node docs: Moby-Dick \(paragraphs\): the training lines have [\d,]+ distinct words/);
    expect((e as RunRequestError).problems).toEqual([expect.objectContaining({ nodeId: 'docs', param: 'vocabularySize' })]);
    await expect(checkData(loadExample('bow-vae-text'), '/nonexistent', undefined)).resolves.toBeUndefined();
  });
});
