/**
 * One retention run of one subgraph: anonymises every person whose schedule fell due, marks them done,
 * and purges access records older than the audit retention period. The purge here is the only deletion
 * of audit rows anywhere; no API can reach it. A dry run does all of it inside a transaction that is
 * rolled back, so its report is exactly what a real run would have done and nothing changes.
 */
import type { EntityManager } from "@mikro-orm/core";
import { AccessRecord } from "../audit/access-record.entity.js";
import { tashkentDay } from "../days.js";
import { RetentionSchedule, type RetentionReason } from "./retention-schedule.entity.js";
import type { AnonymiseSettings, Anonymiser, TableCounts } from "./subgraph-privacy.js";
import { now as clockNow } from "../clock.js";

const DAY_MS = 86_400_000;

/** A subgraph's part of the retention policy: its anonymiser and the configured periods. */
export interface RetentionPolicy {
  subgraph: string;
  anonymise: Anonymiser;
  /** Access records older than this many days are purged. */
  auditDays: number;
  settings: AnonymiseSettings;
}

export interface RetentionRunOptions {
  /** The instant the run acts at: schedules due on or before its Tashkent day are carried out. */
  now?: Date;
  dryRun?: boolean;
}

export interface AnonymisedSubject {
  subjectId: string;
  reasons: RetentionReason[];
  /** The earliest due day among the person's schedules. */
  dueOn: string;
  tables: TableCounts;
}

export interface RetentionReport {
  subgraph: string;
  dryRun: boolean;
  /** The day due dates were compared with. */
  today: string;
  subjects: AnonymisedSubject[];
  /** Rows changed per table, over all subjects. */
  tables: TableCounts;
  audit: { purgedBefore: string; purged: number };
}

/** Adds `counts` into `total`, in place. */
export function addCounts(total: TableCounts, counts: TableCounts): TableCounts {
  for (const [table, n] of Object.entries(counts)) total[table] = (total[table] ?? 0) + n;
  return total;
}

/** Anonymises one person and marks every pending schedule of theirs done (there is nothing left to do later). */
export async function anonymiseSubject(
  em: EntityManager,
  policy: Pick<RetentionPolicy, "anonymise" | "settings">,
  subjectId: string,
  now: Date,
): Promise<TableCounts> {
  const tables = await policy.anonymise(em, subjectId, policy.settings);
  // Whatever the anonymiser left in the unit of work goes to the database now, inside the transaction.
  await em.flush();
  await em.nativeUpdate(RetentionSchedule, { subjectId, doneAt: null }, { doneAt: now, outcome: tables });
  return tables;
}

class DryRunRollback extends Error {
  constructor(readonly report: RetentionReport) {
    super("dry run: rolled back");
  }
}

export async function runRetention(
  em: EntityManager,
  policy: RetentionPolicy,
  options: RetentionRunOptions = {},
): Promise<RetentionReport> {
  const now = options.now ?? clockNow();
  const dryRun = options.dryRun ?? false;
  const today = tashkentDay(now);
  const purgedBefore = new Date(now.getTime() - policy.auditDays * DAY_MS);
  try {
    return await em.fork().transactional(async (tx) => {
      const due = await tx.find(
        RetentionSchedule,
        { doneAt: null, dueOn: { $lte: today } },
        { orderBy: { dueOn: "asc", subjectId: "asc" } },
      );
      const bySubject = new Map<string, RetentionSchedule[]>();
      for (const row of due) bySubject.set(row.subjectId, [...(bySubject.get(row.subjectId) ?? []), row]);

      const report: RetentionReport = {
        subgraph: policy.subgraph,
        dryRun,
        today,
        subjects: [],
        tables: {},
        audit: { purgedBefore: purgedBefore.toISOString(), purged: 0 },
      };
      for (const [subjectId, rows] of bySubject) {
        const tables = await anonymiseSubject(tx, policy, subjectId, now);
        report.subjects.push({ subjectId, reasons: rows.map((r) => r.reason), dueOn: rows[0]!.dueOn, tables });
        addCounts(report.tables, tables);
      }
      report.audit.purged = await tx.nativeDelete(AccessRecord, { at: { $lt: purgedBefore } });
      if (dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}
