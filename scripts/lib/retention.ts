/** One retention run over every subgraph's database: what `npm run retention` does, and what the tests call. */
import type { MikroORM } from "@mikro-orm/core";
import type { SubgraphName } from "../../shared/config.js";
import { retentionPolicy, type RetentionConfig } from "../../shared/privacy/retention.js";
import { runRetention, type RetentionReport, type RetentionRunOptions } from "../../shared/privacy/retention-run.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";

export type SubgraphRetention = { subgraph: SubgraphName; report: RetentionReport } | { subgraph: SubgraphName; error: unknown };

/**
 * Runs each subgraph's retention on its own database. Subgraphs are independent: one failing does not
 * stop the others (each run is one transaction, so a failed one changed nothing and is retried next time).
 */
export async function retainEverywhere(
  orms: Record<SubgraphName, MikroORM>,
  config: RetentionConfig,
  options: RetentionRunOptions,
): Promise<SubgraphRetention[]> {
  const results: SubgraphRetention[] = [];
  for (const module of SUBGRAPH_MODULES) {
    try {
      const policy = retentionPolicy(module.name, module.privacy, config);
      results.push({ subgraph: module.name, report: await runRetention(orms[module.name].em, policy, options) });
    } catch (error) {
      results.push({ subgraph: module.name, error });
    }
  }
  return results;
}

/** The report as the command prints it. */
export function formatRetention(results: SubgraphRetention[]): string {
  const lines: string[] = [];
  for (const result of results) {
    if ("error" in result) {
      lines.push(`${result.subgraph}: FAILED: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
      continue;
    }
    const { report } = result;
    const verb = report.dryRun ? "would anonymise" : "anonymised";
    lines.push(`${report.subgraph}: ${verb} ${report.subjects.length} subject(s) due by ${report.today}`);
    for (const subject of report.subjects) {
      const tables = Object.entries(subject.tables)
        .map(([table, n]) => `${table} ${n}`)
        .join(", ");
      lines.push(`  ${subject.subjectId} (${subject.reasons.join(", ")}, due ${subject.dueOn}): ${tables || "nothing held"}`);
    }
    const totals = Object.entries(report.tables)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ");
    if (totals) lines.push(`  rows: ${totals}`);
    lines.push(
      `  access records before ${report.audit.purgedBefore}: ${report.audit.purged} ${report.dryRun ? "would be purged" : "purged"}`,
    );
  }
  return lines.join("\n");
}
