import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSType from 'exceljs';

/**
 * exceljs 4.4 decodes each chunk of a sheet's XML on its own (lib/utils/parse-sax.js), so a
 * Chinese character split across two chunks comes out as "���" — every large Chinese XLSX is hit.
 * Before exceljs loads, its parser module is replaced in the require cache by the same code with
 * a StringDecoder that carries partial characters over. Import exceljs only through this file.
 */
const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const { SaxesParser } = createRequire(parseSaxPath)('saxes') as { SaxesParser: new () => SaxParser };

interface SaxParser {
  on(event: string, handler: (value: unknown) => void): void;
  write(text: string): void;
}

async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  let error: unknown;
  let events: { eventType: string; value: unknown }[] = [];
  parser.on('error', (err) => (error = err));
  for (const eventType of ['opentag', 'text', 'closetag']) parser.on(eventType, (value) => events.push({ eventType, value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.end();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

if (!require.cache[parseSaxPath]) {
  const module = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  module.filename = parseSaxPath;
  module.loaded = true;
  module.exports = parseSax;
  require.cache[parseSaxPath] = module;
}

const ExcelJS = require('exceljs') as typeof ExcelJSType;
export default ExcelJS;
