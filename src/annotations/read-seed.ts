// Reads the seed folder: seed/catalog/*.yaml (shared entities, topics, events, cross-report
// relations), seed/annotations/*.yaml (one per report) and seed/reports/*.txt (raw reports).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { AnnotationError, resolveCorpus, type Corpus, type SourceFile } from './resolve.js';

/** `only`: check the catalog with just this one annotation file (the others may be mid-edit). */
export function readSeedFolder(folder: string, only?: string): Corpus {
  const problems: string[] = [];
  const files: SourceFile[] = [];
  for (const sub of ['catalog', 'annotations']) {
    const dir = join(folder, sub);
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n) && (sub === 'catalog' || !only || n.startsWith(only)));
    for (const name of names.sort()) {
      const path = join(dir, name);
      const shown = relative(process.cwd(), path) || path;
      try {
        files.push({ name: shown, data: parse(readFileSync(path, 'utf8'), { uniqueKeys: true }) });
      } catch (error) {
        problems.push(`${shown}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  if (problems.length > 0) throw new AnnotationError(problems);
  const reports = join(folder, 'reports');
  return resolveCorpus(files, (file) => {
    const path = join(reports, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  });
}
