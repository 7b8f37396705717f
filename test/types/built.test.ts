/**
 * The independent type test: a tiny consumer project (test/types/consumer/) compiled by tsc
 * against the built declarations (dist/, through package.json `exports`), with skipLibCheck
 * off, so narrowing and code checking hold for users and not only against the sources.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the built package, as a consumer sees it', () => {
  it('compiles the consumer project against dist/*.d.ts', () => {
    expect(existsSync(`${root}dist/src/index.d.ts`), 'run `npm run build` first').toBe(true);
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'test/types/consumer/tsconfig.json'], { cwd: root, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('resolves vendor-errors to the built declarations, not the sources', () => {
    const tsc = `${root}node_modules/typescript/bin/tsc`;
    const trace = execFileSync(process.execPath, [tsc, '-p', 'test/types/consumer/tsconfig.json', '--traceResolution'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(trace).toMatch(/'vendor-errors' was successfully resolved to '[^']*\/dist\/src\/index\.d\.ts'/);
    expect(trace).toMatch(/'vendor-errors\/adapters' was successfully resolved to '[^']*\/dist\/adapters\/index\.d\.ts'/);
  });
});
