import { csvKind, mobyDickKind, textKind, type GraphFile, type Problem } from '../../../shared/graph/index';
import { mobyDickDocuments } from '../data/moby-dick';
import { splitText } from '../data/text';
import { inspectTextFile } from '../data/text-inspect';
import { VocabularyError } from '../data/text-vocabulary';
import { DataPathRefused, resolveDataPath } from '../data/confine';
import { inspectCsvFile } from '../data/csv-inspect';
import { RunRequestError } from './run-request-error';

/**
 * Checks that the data a graph names can be loaded, before a run is created for it: each CSV node's
 * file is read with the loader's own walk (inspectCsvFile), so a file that would fail in the worker
 * is refused here, with its problems and lines, and the run history stays as it was. The worker
 * still loads and checks the file itself (it may change in between).
 *
 * @param baseDir where the graph's relative paths lead; `dataRoot` confines them in web mode
 * @throws RunRequestError 'invalid-graph' naming the node, the file as the graph names it, and the problems
 */
export async function checkData(doc: GraphFile, baseDir: string, dataRoot: string | undefined): Promise<void> {
  const problems: Problem[] = [];
  const lines: string[] = [];
  for (const node of doc.graph.nodes) {
    if (node.kind === 'data.text') {
      const why = await checkText(node.params, node.name, baseDir, dataRoot);
      if (why !== null) {
        problems.push({ severity: 'error', code: why.code, message: why.message, nodeId: node.id, param: why.param });
        lines.push(why.message);
      }
      continue;
    }
    if (node.kind === 'data.mobyDick') {
      const why = checkMobyDick(node.params, node.name);
      if (why !== null) {
        problems.push({ severity: 'error', code: 'data-format', message: why, nodeId: node.id, param: 'vocabularySize' });
        lines.push(why);
      }
      continue;
    }
    if (node.kind !== 'data.csv') continue;
    const parsed = csvKind.params.safeParse(node.params);
    if (!parsed.success) continue;
    const p = parsed.data;
    let abs: string;
    try {
      abs = resolveDataPath(p.path, baseDir, dataRoot, `the file of CSV node ${node.name}`);
    } catch (e) {
      if (!(e instanceof DataPathRefused)) throw e;
      problems.push({ severity: 'error', code: 'data-file', message: e.message, nodeId: node.id, param: 'path' });
      lines.push(e.message);
      continue;
    }
    const inspection = await inspectCsvFile(abs, p.path, { columns: p.columns, ...(p.labelColumn !== undefined && { labelColumn: p.labelColumn }) });
    for (const q of inspection.problems) {
      problems.push({ severity: 'error', code: q.kind === 'missing-file' || q.kind === 'unreadable' ? 'data-file' : 'data-format', message: q.message, nodeId: node.id, param: q.kind === 'missing-column' ? 'columns' : 'path' });
    }
    if (inspection.problems.length > 0) {
      const more = inspection.moreProblems > 0 ? `; and ${inspection.moreProblems} more` : '';
      lines.push(`CSV node ${node.name} (${p.path}): ${inspection.problems.slice(0, 3).map((q) => q.message).join('; ')}${inspection.problems.length > 3 ? `; and ${inspection.problems.length - 3 + inspection.moreProblems} more` : more}`);
    }
  }
  if (lines.length > 0) throw new RunRequestError('invalid-graph', `the data cannot be loaded: ${lines.join('; ')}`, problems);
}

/**
 * Whether a text node's file loads as the worker will load it (read, split, vocabulary filled),
 * through the check the editor shows (inspectTextFile, the loader's own steps): null when it does,
 * else its first problem, naming the node and the file as the graph names it.
 */
async function checkText(params: unknown, name: string, baseDir: string, dataRoot: string | undefined): Promise<{ code: 'data-file' | 'data-format'; message: string; param: string } | null> {
  const parsed = textKind.params.safeParse(params);
  if (!parsed.success) return null;
  const p = parsed.data;
  let abs: string;
  try {
    abs = resolveDataPath(p.path, baseDir, dataRoot, `the file of text node ${name}`);
  } catch (e) {
    if (!(e instanceof DataPathRefused)) throw e;
    return { code: 'data-file', message: e.message, param: 'path' };
  }
  const q = (await inspectTextFile(abs, p.path, p)).problems[0];
  if (!q) return null;
  const message = `text node ${name}: ${q.message}`;
  if (q.kind === 'vocabulary') return { code: 'data-format', message, param: 'vocabularySize' };
  return { code: q.kind === 'missing-file' || q.kind === 'unreadable' ? 'data-file' : 'data-format', message, param: 'path' };
}

/** Whether the novel fills a Moby-Dick node's vocabulary as the worker will build it: null when it does, else why not. */
function checkMobyDick(params: unknown, name: string): string | null {
  const parsed = mobyDickKind.params.safeParse(params);
  if (!parsed.success) return null;
  try {
    splitText(mobyDickDocuments(parsed.data.unit).join('\n'), parsed.data, `Moby-Dick (${parsed.data.unit}s)`);
    return null;
  } catch (e) {
    if (e instanceof VocabularyError) return `text node ${name}: ${(e as Error).message}`;
    throw e;
  }
}
