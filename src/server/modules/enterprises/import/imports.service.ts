import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { EnterpriseListQuery } from '../../../../contract/schemas/enterprises';
import type { Actor } from '../../../authz/actor';
import type { AppContext } from '../../../context';
import { AppError } from '../../../errors';
import { uuidv7 } from '../../../lib/ids';
import { oneParseAtATime } from '../../../lib/tabular/parse-slot';
import { UnreadableFile } from '../../../lib/tabular/read';
import { tempFile } from '../../../lib/tabular/write';
import type { EnterpriseService } from '../enterprises.service';
import { exportArchive, writeTemplate, type ExportFormat } from './export';
import { importFile, type ImportKind, type ImportMode, type ImportReport } from './importer';

const TEMPLATE_NAMES: Record<ImportKind, string> = {
  enterprises: '企业基本信息',
  'former-names': '企业曾用名',
  associations: '协会会员',
  'yearly-figures': '年度经济指标',
  products: '产品',
  standards: '产品执行标准',
  certifications: '认证证书',
  licences: '生产许可证',
  'quality-staff': '质量管理人员',
};

/** Uploads, rejected-row files and downloads under the data directory; temporary files are the caller's to delete. */
export function importService(ctx: AppContext, enterprises: EnterpriseService) {
  const dir = (name: string) => {
    const d = path.join(ctx.config.dataDir, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };

  return {
    async template(kind: ImportKind, format: ExportFormat) {
      const file = tempFile(ctx.config.dataDir, format);
      await writeTemplate(kind, format, file);
      return { file, downloadName: `${TEMPLATE_NAMES[kind]}导入模板.${format}` };
    },

    /**
     * Stores an upload (stopping at the size limit), verifies and imports it, and forgets the
     * upload, one at a time per user. The rejected-rows file stays for its importer to download.
     */
    upload(
      actor: Actor,
      kind: ImportKind,
      mode: ImportMode,
      upload: { stream: Readable & { truncated?: boolean }; fileName: string },
    ): Promise<ImportReport> {
      return oneParseAtATime(actor.id, async () => {
        const file = path.join(dir('uploads'), uuidv7());
        try {
          await pipeline(upload.stream, fs.createWriteStream(file));
          if (upload.stream.truncated)
            throw new AppError('file_too_large', [{ message: `文件超过 ${Math.round(ctx.config.importMaxBytes / 2 ** 20)} MB` }]);
          const report = await importFile(ctx, actor, kind, file, { mode, fileName: upload.fileName.slice(0, 200) });
          if (report.rejectedFile) fs.writeFileSync(path.join(dir('imports'), `${report.id}.json`), JSON.stringify({ actorId: actor.id }));
          return report;
        } catch (err) {
          if (err instanceof UnreadableFile) throw new AppError(err.code, [{ message: err.message }]);
          throw err;
        } finally {
          fs.rmSync(file, { force: true });
        }
      });
    },

    /** The rejected rows of an import, for the one who ran it (or an admin). */
    rejected(actor: Actor, id: string): string {
      const meta = path.join(dir('imports'), `${id}.json`);
      const file = path.join(dir('imports'), `${id}-rejected.csv`);
      if (!fs.existsSync(meta) || !fs.existsSync(file)) throw new AppError('not_found');
      const { actorId } = JSON.parse(fs.readFileSync(meta, 'utf8')) as { actorId: string | null };
      if (actorId !== actor.id && actor.role !== 'admin') throw new AppError('not_found');
      return file;
    },

    async export(actor: Actor, kind: ImportKind, query: EnterpriseListQuery, format: ExportFormat) {
      const file = tempFile(ctx.config.dataDir, format);
      await exportArchive(ctx, enterprises, actor, kind, query, format, file);
      const day = new Date().toISOString().slice(0, 10);
      return { file, downloadName: `${TEMPLATE_NAMES[kind]}-${day}.${format}` };
    },
  };
}
export type ImportService = ReturnType<typeof importService>;
