import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The layout rules of the README's architecture section, read from the files themselves. */
const ROOT = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));
const CODE_DIRS = ['src', 'handlers', 'jobs', 'cards', 'test', 'bench'];
const FEATURES = ['opinions', 'evaluations', 'study', 'ledger', 'board'];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.includes('node_modules'))
    .map((f) => join(dir, f));
}
const code = CODE_DIRS.flatMap(filesUnder);
const text = new Map(code.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));

/**
 * Repo-relative targets of a file's relative imports (`values`: those that load code at run time, `all`: type-only
 * ones too), and its package imports.
 */
function importsOf(file: string): { all: string[]; values: string[]; packages: string[] } {
  const src = text.get(file)!;
  const found = [...src.matchAll(/(?:^(import|export) (type )?[^;]*?\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)]
    .map((m) => ({ spec: m[3], typeOnly: Boolean(m[2]) }));
  const local = found.filter((x) => x.spec.startsWith('.'));
  const target = (spec: string) => relative(ROOT, join(ROOT, dirname(file), spec));
  return {
    all: local.map((x) => target(x.spec)),
    values: local.filter((x) => !x.typeOnly).map((x) => target(x.spec)),
    packages: found.filter((x) => !x.spec.startsWith('.')).map((x) => x.spec),
  };
}
const under = (file: string, ...dirs: string[]) => dirs.some((d) => file === d || file.startsWith(`${d}/`));

describe('the layout', () => {
  it('has a folder per feature in handlers/, cards/, src/domain/ and jobs/', () => {
    for (const layer of ['handlers', 'cards', 'src/domain', 'jobs']) {
      const dirs = readdirSync(join(ROOT, layer), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
      const expected = layer === 'jobs' ? [...FEATURES.filter((f) => f !== 'opinions'), 'outbox'] : FEATURES;
      for (const f of expected) expect(dirs, `${layer}/${f}`).toContain(f);
    }
  });

  it('has no source file over 300 lines and no line over 140 characters', () => {
    const tooLong = code.filter((f) => text.get(f)!.replace(/\n$/, '').split('\n').length > 300);
    const wide = code.flatMap((f) => text.get(f)!.split('\n').flatMap((l, i) => ([...l].length > 140 ? [`${f}:${i + 1}`] : [])));
    expect(tooLong).toEqual([]);
    expect(wide).toEqual([]);
  });

  it('keeps each layer to what it may import', () => {
    const bad: string[] = [];
    for (const file of code) {
      const { all, values, packages } = importsOf(file);
      // Type-only imports count for the jobs/ rule (and for cycles, checked by `npm run cycles`), not for the others.
      const refuse = (why: string, ok: (target: string) => boolean, targets = values) => {
        for (const t of targets) if (!ok(t)) bad.push(`${file} → ${t}: ${why}`);
      };
      if (under(file, 'handlers')) refuse('handlers never import jobs/', (t) => !under(t, 'jobs'), all);
      if (under(file, 'cards')) refuse('cards are pure builders', (t) => !under(t, 'handlers', 'jobs', 'src/store', 'src/lark'));
      if (under(file, 'src/domain')) {
        refuse('the domain is pure', (t) => !under(t, 'handlers', 'jobs', 'cards', 'src/store', 'src/lark', 'src/http'));
      }
      if (under(file, 'src/store')) refuse('the store serves the layers above it', (t) => !under(t, 'handlers', 'jobs', 'cards'));
      if (under(file, 'src/messages')) refuse('the catalog is words only', (t) => under(t, 'src/messages'));
      const onlyIn = (pkg: string, ...dirs: string[]) => {
        if (packages.some((p) => p === pkg || p.startsWith(`${pkg}/`)) && !under(file, ...dirs, 'test', 'bench', 'src/local')) {
          bad.push(`${file} imports ${pkg} outside ${dirs.join(', ')}`);
        }
      };
      onlyIn('@larksuiteoapi/node-sdk', 'src/lark');
      onlyIn('ioredis', 'src/store');
    }
    expect(bad).toEqual([]);
  });
});
