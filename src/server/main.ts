import pino from 'pino';
import { buildApp, buildServices } from './app';
import { systemActor } from './authz/actor';
import { loadConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { AppError } from './errors';
import { openAuditKeyring } from './modules/audit/audit.service';
import { seedDemo } from './demo';

/** config → db → migrate → first admin → app → listen; nothing else. */
async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel });
  const db = await connect({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  const applied = await migrateToLatest(db.kysely);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  await openAuditKeyring(db.kysely, config.auditKeyFile);

  const deps = { db, config, logger };
  const services = buildServices(deps);
  // The platform's home region comes from the loaded regions (or QC_HOME_REGION): a tree that names none stops the start.
  const home = (await services.regions.tree()).home;
  logger.info({ homeRegion: home.code }, 'serving region');
  const admin = await services.users.ensureFirstAdmin(systemActor('system'), config.adminPassword);
  if (admin && config.demoEnterprises > 0) {
    // A fresh database: give the newcomer something to look at (QC_DEMO=0 starts empty).
    logger.info(`generating a demo archive of ${config.demoEnterprises} fictional enterprises (QC_DEMO)`);
    const started = Date.now();
    await seedDemo(db, services, config, systemActor('system'), config.demoEnterprises);
    logger.info({ ms: Date.now() - started }, 'demo data generated');
  }
  if (admin && !config.adminPassword) {
    process.stdout.write(
      `\n  首次启动：已创建管理员账户 / First start: admin account created\n` +
        `  账号 username: admin\n  一次性密码 one-time password: ${admin.oneTimePassword}\n` +
        `  首次登录后须修改密码。This is shown only once.\n\n`,
    );
  }

  // The archive's 名牌产品 flags follow honours that expire with the calendar: checked now and twice a day.
  const syncFlags = () =>
    services.honours.syncBrandFlags().then(
      (n) => n && logger.info({ changed: n }, 'brand product flags updated'),
      (err) => logger.error({ err }, 'brand flag check failed'),
    );
  await syncFlags();
  setInterval(syncFlags, 12 * 3_600_000).unref();

  // The targets' kept sums follow writes and the calendar in the background, one pass at a time.
  if (config.targetsRefreshMinutes > 0) {
    let running = false;
    const refresh = async () => {
      if (running) return;
      running = true;
      const started = Date.now();
      try {
        const plans = await services.targets.refreshKept(systemActor('system'));
        if (Date.now() - started > 1000) logger.info({ plans, ms: Date.now() - started }, 'target sums brought up to date');
      } catch (err) {
        logger.error({ err }, 'target sums refresh failed');
      } finally {
        running = false;
      }
    };
    setTimeout(refresh, 5_000).unref();
    setInterval(refresh, config.targetsRefreshMinutes * 60_000).unref();
  }

  const app = await buildApp(deps, services);
  const shutdown = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.host, port: config.port });
  logger.info(`platform at http://${config.host}:${config.port}/ (API /api/v1, docs /api/docs, database ${db.dialect})`);
}

main().catch((err) => {
  // A weak QC_ADMIN_PASSWORD, for one, says why.
  process.stderr.write(`${err instanceof AppError ? err.toText() : err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
