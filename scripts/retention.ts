/**
 * npm run retention — anonymises the people whose retention period has run out and purges old access
 * records, in every subgraph's database (the ones `npm start` uses: SQLite files under DATA_DIR, or
 * PostgreSQL from DATABASE_URL / <SUBGRAPH>_DATABASE_URL). The servers run the same on a timer.
 *
 *   --dry-run          report what would be done; change nothing
 *   --now YYYY-MM-DD   act as on that day (Tashkent) instead of today
 *
 * Exits non-zero when a subgraph's run failed (that run changed nothing; the others stand).
 */
import { retentionCommand } from "./lib/retention-command.js";

process.exit(await retentionCommand(process.argv.slice(2), process.env));
