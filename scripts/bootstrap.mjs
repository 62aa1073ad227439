// Installs the workspace's packages when they are missing or older than the lock file, so
// `npm run demo` and `npm test` work straight after a clone. Plain JavaScript: it runs before
// anything (TypeScript included) is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const installed = join(root, 'node_modules', '.package-lock.json');

const fresh = existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
if (!fresh) {
  const command = existsSync(join(root, 'node_modules')) ? 'install' : 'ci';
  console.log(`Installing packages (npm ${command})...`);
  const result = spawnSync('npm', [command, '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
