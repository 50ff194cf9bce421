/** The body of `npm run retention` (scripts/retention.ts), callable in-process by tests. */
import { parseArgs } from "node:util";
import type { MikroORM } from "@mikro-orm/core";
import { loadConfig, type SubgraphName } from "../../shared/config.js";
import { startOfTashkentDay } from "../../shared/days.js";
import { isIsoDate } from "../../shared/scalars.js";
import { closeDatabases, openConfiguredDatabases } from "./databases.js";
import { formatRetention, retainEverywhere } from "./retention.js";
import { now as clockNow } from "../../shared/clock.js";

export const RETENTION_USAGE = "Usage: npm run retention -- [--dry-run] [--now YYYY-MM-DD]";

export interface CommandOutput {
  log(message: string): void;
  error(message: string): void;
}

/** Runs the command; resolves with the exit code (0 done, 1 a subgraph failed, 2 bad arguments). */
export async function retentionCommand(argv: string[], env: NodeJS.ProcessEnv, out: CommandOutput = console): Promise<number> {
  let values: { "dry-run"?: boolean; now?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { "dry-run": { type: "boolean" }, now: { type: "string" }, help: { type: "boolean" } },
      strict: true,
    }));
  } catch (error) {
    out.error(`${error instanceof Error ? error.message : String(error)}\n${RETENTION_USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(RETENTION_USAGE);
    return 0;
  }
  if (values.now !== undefined && !isIsoDate(values.now)) {
    out.error(`--now must be a calendar date YYYY-MM-DD, got "${values.now}"\n${RETENTION_USAGE}`);
    return 2;
  }
  const now = values.now ? startOfTashkentDay(values.now) : clockNow();
  let orms: Record<SubgraphName, MikroORM> | undefined;
  try {
    const config = loadConfig(env);
    orms = await openConfiguredDatabases(config);
    const results = await retainEverywhere(orms, config, { now, dryRun: values["dry-run"] ?? false });
    out.log(formatRetention(results));
    return results.some((r) => "error" in r) ? 1 : 0;
  } catch (error) {
    out.error(`Retention failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    if (orms) await closeDatabases(orms);
  }
}
