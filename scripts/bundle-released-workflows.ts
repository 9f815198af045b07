/**
 * Freezes the workflow code of a released commit as a bundle, for tests that run a workflow on the
 * old code and continue it on the new (test/workflow/bundles/README.md):
 *
 *   npx tsx scripts/bundle-released-workflows.ts <commit>
 *
 * writes test/workflow/bundles/workflows-<short commit>.js.gz: the commit's `workflows/` bundled as the
 * worker bundles it (bundleWorkflowCode), with an empty inline source map, gzipped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleWorkflowCode } from '@temporalio/worker';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const commit = process.argv[2];
  if (!commit) throw new Error('usage: npx tsx scripts/bundle-released-workflows.ts <commit>');
  const short = execFileSync('git', ['rev-parse', '--short=7', commit], { cwd: ROOT, encoding: 'utf8' }).trim();
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), `regie-${short}-`));
  execFileSync('git', ['worktree', 'add', '--detach', '-f', tree, short], { cwd: ROOT, stdio: 'ignore' });
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    const { code } = await bundleWorkflowCode({ workflowsPath: path.join(tree, 'workflows') });
    // The worker needs an inline source map; an empty one keeps the file small (stack traces point into the bundle).
    const emptyMap = Buffer.from(JSON.stringify({ version: 3, file: `workflows-${short}.js`, sources: [], names: [], mappings: '' })).toString('base64');
    const withoutSourceMap = code.replace(/^\/\/# sourceMappingURL=data:.*$/m, `//# sourceMappingURL=data:application/json;base64,${emptyMap}`);
    const out = path.join(ROOT, 'test/workflow/bundles', `workflows-${short}.js.gz`);
    fs.writeFileSync(out, gzipSync(withoutSourceMap, { level: 9 }));
    console.log(`${path.relative(ROOT, out)}: ${fs.statSync(out).size} bytes`);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT, stdio: 'ignore' });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
