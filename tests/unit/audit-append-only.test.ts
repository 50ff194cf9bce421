/**
 * The access audit is append-only: the code that writes access_records is the request's batch insert
 * (shared/audit/audit-sink.ts), and the only code that deletes them is the retention run's purge by age
 * (AUDIT_RETENTION_DAYS). Nothing updates them and no GraphQL mutation reaches them. This test reads the
 * source, so a new write path fails it until it is looked at.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["shared", "subgraphs", "gateway", "scripts"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return full.endsWith(".ts") ? [full] : [];
  });
}

/** Every statement of the code base that could change or delete an AccessRecord, as "file:line:operation". */
function auditWrites(): string[] {
  const found: string[] = [];
  const write =
    /(nativeDelete|nativeUpdate|remove|removeAndFlush|assign|upsert|upsertMany|qb|createQueryBuilder|execute)\s*\(\s*AccessRecord\b|access_records/;
  for (const file of DIRS.flatMap((d) => sources(path.join(ROOT, d)))) {
    const relative = path.relative(ROOT, file);
    // Migrations create the table; the entity declares it.
    if (relative.includes(`${path.sep}migrations${path.sep}`) || relative === path.join("shared", "audit", "access-record.entity.ts"))
      continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, i) => {
        const match = write.exec(line);
        if (match && !line.trim().startsWith("*") && !line.trim().startsWith("//"))
          found.push(`${relative}:${i + 1}:${match[1] ?? "access_records"}`);
      });
  }
  return found;
}

describe("the access audit is append-only", () => {
  it("only the retention run deletes audit rows, and nothing updates them", () => {
    const writes = auditWrites();
    expect(writes.map((w) => [w.split(":")[0], w.split(":")[2]])).toEqual([["shared/privacy/retention-run.ts", "nativeDelete"]]);
  });

  it("no mutation of the supergraph is about the audit", () => {
    const supergraph = readFileSync(path.join(ROOT, "schema/supergraph.graphql"), "utf8");
    const mutation = /type Mutation[^{]*\{([^}]*)\}/.exec(supergraph)?.[1] ?? "";
    const names = [...mutation.matchAll(/^\s+(\w+)\s*[(:]/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /audit|access|record(?!Grades|Attendance)/i.test(n))).toEqual([]);
  });
});
