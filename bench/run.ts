/** `npm run bench -- <name>`: runs one benchmark. Never part of the test suite. */
import { benchHttp } from './http';
import { benchImport } from './import';
import { benchInspections } from './inspections';
import { benchLookup } from './lookup';
import { benchResultImport } from './result-import';
import { benchSearch } from './search';
import { benchSqliteDriver } from './sqlite-driver';
import { benchTargets } from './targets';
import { benchXlsxWorst } from './xlsx-worst';

const BENCHES: Record<string, () => Promise<void>> = {
  http: benchHttp,
  import: benchImport,
  inspections: benchInspections,
  lookup: benchLookup,
  'result-import': benchResultImport,
  search: benchSearch,
  'sqlite-driver': benchSqliteDriver,
  targets: benchTargets,
  'xlsx-worst': benchXlsxWorst,
};

const name = process.argv[2];
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
