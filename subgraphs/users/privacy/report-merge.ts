/**
 * Merging the parts of a personal-data report. One request that touched several subgraphs left one audit
 * row in each: the report shows it once, with the fields of all of them.
 */
import type { AccessRecordType, DisclosureType, PersonalDataItemType, PersonalDataPartType } from "../../../shared/privacy/report-types.js";
import type { PersonalDataReportType } from "../types/index.js";

export const partsOf = (report: PersonalDataReportType): PersonalDataPartType[] =>
  [report.institutionsPart, report.journalPart, report.notificationsPart].filter((p): p is PersonalDataPartType => !!p);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Every item, with the date it is kept until: the subject's leaving date (institutions knows it) plus the
 * retention period, unless a part gave its own. No known leaving date (a parent; open-ended employment):
 * kept for as long as the relationship lasts, so no date.
 */
export function mergeItems(own: PersonalDataItemType[], parts: PersonalDataPartType[], retentionDays: number): PersonalDataItemType[] {
  const leavesOn = parts.map((p) => p.leavesOn).find((d): d is string => !!d);
  const until = leavesOn ? addDays(leavesOn, retentionDays) : null;
  return [...own, ...parts.flatMap((p) => p.items)].map((item) => ({ ...item, retainedUntil: item.retainedUntil ?? until }));
}

function mergeByRequest<T extends { requestId: string; fields: string[]; at: Date | string }>(lists: T[][], key: (row: T) => string): T[] {
  const merged = new Map<string, T>();
  for (const row of lists.flat()) {
    const k = `${row.requestId}|${key(row)}`;
    const seen = merged.get(k);
    if (!seen) {
      merged.set(k, { ...row, fields: [...row.fields] });
      continue;
    }
    seen.fields = [...new Set([...seen.fields, ...row.fields])].sort();
    if (new Date(row.at) < new Date(seen.at)) seen.at = row.at;
  }
  return [...merged.values()].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
}

export const mergeAccesses = (lists: AccessRecordType[][]): AccessRecordType[] => mergeByRequest(lists, (r) => r.accessorId);

export const mergeDisclosures = (lists: DisclosureType[][]): DisclosureType[] => mergeByRequest(lists, (d) => d.recipient);
