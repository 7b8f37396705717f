import type { Adapter } from '../core/adapter.js';
import type { CatalogEntry } from '../core/catalog.js';
import { rowDocs } from '../core/catalog-docs.js';
import { DOCS } from '../../adapters/docs.js';
import { KIND_FACTS, type ErrorKind, type RetryClass } from '../errors/kinds.js';
import { kindFromStatus } from '../core/kinds.js';
import { ADAPTERS } from './registry.js';

/** One code as the CLI prints it with `--json`. */
export interface ExplainedCode {
  readonly vendor: string;
  readonly code: number | string;
  readonly known: boolean;
  readonly status: number | null;
  readonly kind: ErrorKind;
  readonly retry: RetryClass;
  readonly name: string | null;
  readonly message: string;
  readonly messageZh: string | null;
  /** Other meanings of the same code, where the vendor reused it. */
  readonly alternatives?: readonly ExplainedCode[];
  readonly note?: string;
}

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const USAGE = `Usage:
  vendor-errors explain <vendor> <code> [--json]
  vendor-errors list <vendor> [--json]
Vendors: ${[...ADAPTERS.keys()].join(', ')}`;

const RETRY_WORDS: Record<RetryClass, string> = {
  never: 'never retry: the same request fails the same way',
  idempotent: 'retry only idempotent requests (GET, PUT, DELETE, or with an Idempotency-Key)',
  safe: 'any method may retry after a wait: the vendor refused before acting',
};

function fromEntry(adapter: Adapter, e: CatalogEntry): ExplainedCode {
  const docs = rowDocs(DOCS[adapter.name], adapter.catalog, e);
  return {
    vendor: adapter.name,
    code: e.code,
    known: true,
    status: e.status ?? null,
    kind: e.kind,
    retry: e.retry,
    name: e.name,
    message: docs?.message ?? e.message ?? e.name,
    messageZh: docs?.messageZh ?? null,
    ...(docs?.note ? { note: docs.note } : {}),
  };
}

/** Explains one code of one vendor; an unknown code explains what its status prefix implies. */
export function explainCode(adapter: Adapter, code: number): ExplainedCode {
  const entries = adapter.catalog.lookup(code);
  const [first, ...rest] = entries;
  if (first) {
    const main = fromEntry(adapter, first);
    return rest.length ? { ...main, alternatives: rest.map((e) => fromEntry(adapter, e)) } : main;
  }
  let status: number | undefined;
  try {
    status = adapter.statusOfCode?.(code);
  } catch {
    status = undefined;
  }
  const kind = kindFromStatus(status);
  const implied = status === undefined ? 'no status can be inferred from it' : `its prefix implies HTTP ${status} (${kind})`;
  return {
    vendor: adapter.name,
    code,
    known: false,
    status: status ?? null,
    kind: 'unknown',
    retry: KIND_FACTS[kind].retry,
    name: null,
    message: `Not in the ${adapter.displayName} catalog; ${implied}.`,
    messageZh: null,
  };
}

function describe(x: ExplainedCode, displayName: string): string {
  const lines = [`${displayName} ${x.code}${x.name ? ` ${x.name}` : ''}${x.known ? '' : ' (unknown code)'}`];
  lines.push(`  status ${x.status ?? '-'} · kind ${x.kind} · retry ${x.retry}: ${RETRY_WORDS[x.retry]}`);
  lines.push(`  ${x.message}${x.messageZh ? ` / ${x.messageZh}` : ''}`);
  if (x.note) lines.push(`  note: ${x.note}`);
  for (const alt of x.alternatives ?? []) {
    lines.push(`  also means: ${alt.name} — ${alt.message}${alt.messageZh ? ` / ${alt.messageZh}` : ''}`);
  }
  return lines.join('\n');
}

function fail(message: string): CliResult {
  return { exitCode: 2, stdout: '', stderr: `vendor-errors: ${message}\n` };
}

/**
 * Runs the CLI on its arguments (without `node` and the script). Pure: returns what to print.
 *
 * @example
 * runCli(['explain', 'netease', '4030001', '--json']).stdout
 */
export function runCli(argv: readonly string[]): CliResult {
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const args = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  if (help) return { exitCode: 0, stdout: `${USAGE}\n`, stderr: '' };
  const unknownFlag = args.find((a) => a.startsWith('--'));
  if (unknownFlag) return fail(`unknown option ${unknownFlag}\n${USAGE}`);
  const [command, vendorName, code, ...extra] = args;
  if (command !== 'explain' && command !== 'list') return fail(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  if (!vendorName) return fail(`missing <vendor>; one of: ${[...ADAPTERS.keys()].join(', ')}`);
  const adapter = ADAPTERS.get(vendorName.toLowerCase());
  if (!adapter) return fail(`unknown vendor "${vendorName}"; one of: ${[...ADAPTERS.keys()].join(', ')}`);

  if (command === 'list') {
    if (code !== undefined) return fail('list takes only <vendor>');
    const rows = adapter.catalog.entries.map((e) => fromEntry(adapter, e));
    const stdout = json
      ? `${JSON.stringify(rows, null, 2)}\n`
      : `${rows.map((r) => `${String(r.code).padEnd(9)} ${String(r.status ?? '-').padEnd(4)} ${r.kind.padEnd(20)} ${r.retry.padEnd(10)} ${r.name}`).join('\n')}\n${rows.length} codes\n`;
    return { exitCode: 0, stdout, stderr: '' };
  }

  if (code === undefined) return fail('missing <code>');
  if (extra.length) return fail('explain takes <vendor> <code>');
  if (!/^-?\d{1,15}$/.test(code)) return fail(`malformed code "${code.slice(0, 40)}": a code is a whole number`);
  const explained = explainCode(adapter, Number(code));
  return {
    exitCode: 0,
    stdout: json ? `${JSON.stringify(explained, null, 2)}\n` : `${describe(explained, adapter.displayName)}\n`,
    stderr: '',
  };
}
