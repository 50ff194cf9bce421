/**
 * npm run backup — a consistent copy of every subgraph's database (SQLite: VACUUM INTO; PostgreSQL:
 * pg_dump custom format) into DATA_DIR/backups/<timestamp>, or --out DIR. Safe while the system runs.
 * Restore: stop the services, then copy the .db files back into DATA_DIR (embedded) or
 * `pg_restore --clean --dbname <url> <subgraph>.dump` (PostgreSQL).
 */
import { backupCommand } from "./lib/backup-command.js";

process.exit(await backupCommand(process.argv.slice(2), process.env));
