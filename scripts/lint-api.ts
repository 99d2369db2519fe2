// `npm run lint:api`: the OpenAPI document as the app builds it, linted by Redocly with redocly.yaml.
// The document goes to a temporary directory outside the repository, removed afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openApiDocument } from './openapi';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qc-openapi-'));
const file = path.join(dir, 'openapi.json');
try {
  fs.writeFileSync(file, JSON.stringify(await openApiDocument(), null, 2));
  const cli = path.resolve('node_modules/@redocly/cli/bin/cli.js');
  const result = spawnSync(process.execPath, [cli, 'lint', file, '--config', 'redocly.yaml', '--max-problems', '1000'], {
    stdio: 'inherit',
    // No telemetry and no update check: lint is offline and the same on every run.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  process.exitCode = result.status ?? 1;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
