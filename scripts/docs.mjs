/**
 * `npm run docs`: the API reference (typedoc) for every subpath in package.json's `exports`,
 * into docs/api/ (gitignored). The entry points come from `exports` (types path → source), so a
 * new or moved subpath is documented without editing this file; each module is named by the
 * import specifier users write (`vendor-errors/axios`), not by its folder. Options are in
 * typedoc.json (warnings are errors: a public export whose type is not exported fails the run).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Application, Converter, TSConfigReader, TypeDocReader } from 'typedoc';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** `./dist/src/integrations/axios.d.ts` → `src/integrations/axios.ts`, keyed by absolute path. */
const specifierOf = new Map();
for (const [subpath, target] of Object.entries(pkg.exports)) {
  const types = typeof target === 'string' ? target : target.types;
  if (!types?.endsWith('.d.ts')) continue; // ./package.json
  const source = types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts');
  specifierOf.set(resolve(new URL(source, root).pathname), subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`);
}

const app = await Application.bootstrapWithPlugins({ entryPoints: [...specifierOf.keys()] }, [
  new TypeDocReader(),
  new TSConfigReader(),
]);
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const mod of context.project.children ?? []) {
    const file = mod.sources?.[0]?.fullFileName;
    const name = file && specifierOf.get(resolve(file));
    if (name) mod.name = name;
  }
});

const project = await app.convert();
if (!project) process.exit(1);
app.validate(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) process.exit(1);
await app.generateDocs(project, app.options.getValue('out'));
if (app.logger.hasErrors() || app.logger.hasWarnings()) process.exit(1);
console.log(`docs: ${specifierOf.size} modules → ${app.options.getValue('out')}`);
