import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const insideGit = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: root, encoding: 'utf8' }).stdout.trim() === 'true';

/** What running the app or the tests writes into the repository, which git must not pick up. */
describe.skipIf(!insideGit)('files the app writes into the repository', () => {
  // `node_modules` alone: a link of that name (a worktree sharing another's packages) is a file to git, which a `node_modules/` pattern would not ignore.
  it.each(['.latent-studio/runs/x/run.json', '.latent-studio/recovery.json', 'test-artifacts/e2e/x.png', 'node_modules/x/index.js', 'node_modules', 'dist/index.html'])('git ignores %s', (path) => {
    expect(spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status).toBe(0);
  });
});
