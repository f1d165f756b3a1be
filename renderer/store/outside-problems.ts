import type { Problem } from '../../shared/graph/index';
import { csvCheckKey, csvRequestOf, textCheckKey, textRequestOf, type CsvCheck, type TextCheck } from './data-checks-slice';
import type { TrainingDraft } from './training-drafts-slice';
import type { EditorNode } from './types';

/**
 * The problems of each CSV node's file, from checks that still answer the node as it is (a check
 * made for another path or other columns says nothing about this one). Anchored to the node and to
 * the field to fix: the columns for a missing column, else the file.
 */
export function dataProblems(nodes: readonly EditorNode[], graphPath: string | null, checks: Readonly<Record<string, CsvCheck>>): Problem[] {
  const out: Problem[] = [];
  for (const node of nodes) {
    const check = checks[node.id];
    const request = check && csvRequestOf(node, graphPath);
    if (!check || !request || check.key !== csvCheckKey(request)) continue;
    const at = `CSV file ${node.name}: `;
    if (check.error !== undefined) {
      out.push({ severity: 'error', code: 'data-file', message: `${at}${check.error}`, nodeId: node.id, param: 'path' });
      continue;
    }
    const inspection = check.inspection;
    if (!inspection) continue;
    for (const p of inspection.problems) {
      const file = p.kind === 'missing-file' || p.kind === 'unreadable';
      const param = p.kind === 'missing-column' ? (p.column !== undefined && p.column === request.labelColumn ? 'labelColumn' : 'columns') : 'path';
      out.push({ severity: 'error', code: file ? 'data-file' : 'data-format', message: `${at}${file ? '' : `${inspection.path}: `}${p.message}`, nodeId: node.id, param });
    }
    if (inspection.moreProblems > 0) {
      out.push({ severity: 'error', code: 'data-format', message: `${at}${inspection.path}: ${inspection.moreProblems} more problem${inspection.moreProblems === 1 ? '' : 's'} further down the file`, nodeId: node.id, param: 'path' });
    }
  }
  return out;
}

/**
 * The problems of each text node's file, from checks that still answer the node as it is: a file
 * missing, unreadable, empty or of one line (anchored to the file), or words too few for the
 * vocabulary asked (anchored to the vocabulary size). In the loader's words, so the message is the
 * one a run would be refused with.
 */
export function textDataProblems(nodes: readonly EditorNode[], graphPath: string | null, checks: Readonly<Record<string, TextCheck>>): Problem[] {
  const out: Problem[] = [];
  for (const node of nodes) {
    const check = checks[node.id];
    const request = check && textRequestOf(node, graphPath);
    if (!check || !request || check.key !== textCheckKey(request)) continue;
    const at = `Text file ${node.name}: `;
    if (check.error !== undefined) {
      out.push({ severity: 'error', code: 'data-file', message: `${at}${check.error}`, nodeId: node.id, param: 'path' });
      continue;
    }
    for (const p of check.inspection?.problems ?? []) {
      const file = p.kind === 'missing-file' || p.kind === 'unreadable';
      out.push({ severity: 'error', code: file ? 'data-file' : 'data-format', message: `${at}${p.message}`, nodeId: node.id, param: p.kind === 'vocabulary' ? 'vocabularySize' : 'path' });
    }
  }
  return out;
}

/** One problem per training setting typed out of range, pointing at the Training settings. */
export function draftProblems(drafts: Readonly<Record<string, TrainingDraft>>): Problem[] {
  return Object.entries(drafts).map(([path, d]) => ({
    severity: 'error' as const,
    code: 'invalid-training-setting' as const,
    message: `Training settings: ${d.label} ${d.value.toLocaleString('en-US')} is not used: ${d.message}`,
    param: path,
    area: 'training' as const,
  }));
}
