/**
 * Reads the first markdown table in a file: a header row, a `|---|` separator, then body rows.
 * Used by the catalog-completeness tests, which check every documented row against a catalog.
 */
import { readFileSync } from 'node:fs';

export interface MarkdownTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function cells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  // `\|` is a literal pipe inside a cell, not a column break.
  return s.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|').trim());
}

const SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The first table in `file` (a path or a `file:` URL), cells trimmed. */
export function readMarkdownTable(file: string | URL): MarkdownTable {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const sep = lines.findIndex((line, i) => i > 0 && SEPARATOR.test(line) && (lines[i - 1] ?? '').trim().startsWith('|'));
  if (sep === -1) throw new Error(`no markdown table in ${String(file)}`);
  const header = cells(lines[sep - 1] ?? '');
  const rows: string[][] = [];
  for (let i = sep + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.trim().startsWith('|')) break;
    rows.push(cells(line));
  }
  return { header, rows };
}
