/**
 * The one place that reads the environment. Every other module receives a typed `Config`;
 * a bad value stops the process at boot with a message naming the variable.
 */
import { isIP } from "node:net";
import path from "node:path";

export type SubgraphName = "users" | "institutions" | "journal" | "notifications";
export const SUBGRAPHS: readonly SubgraphName[] = ["users", "institutions", "journal", "notifications"];

export interface Config {
  mode: "embedded" | "production";
  host: string;
  port: number;
  dataDir: string;
  /** Where each subgraph listens (embedded: loopback ports after the gateway's). */
  subgraphPorts: Record<SubgraphName, number>;
  /** Where the gateway finds each subgraph (production: set per service). */
  subgraphUrls: Record<SubgraphName, string>;
  /** `undefined` = embedded SQLite file under dataDir. */
  databaseUrls: Record<SubgraphName, string | undefined>;
  /** DATABASE_URL as given: the PostgreSQL server the per-subgraph databases live on (scripts use it too). */
  databaseServerUrl?: string;
  jwt: { privateKeyPem?: string; publicKeyPem?: string; issuer: string; audience: string; accessTtlSeconds: number };
  refreshTtlDays: number;
  signInLock: { maxFailures: number; lockMinutes: number; baseDelayMs: number };
  demoPassword: string;
  /** Whether DEMO_PASSWORD overrides the default (start-up output names the variable, never the secret). */
  demoPasswordFromEnv: boolean;
  seedDemoWhenEmpty: boolean;
  supergraphPath: string;
  /** NATS JetStream for events between separate service processes (production). */
  natsUrl?: string;
  /**
   * Peers whose X-Forwarded-For a subgraph believes (the gateway's addresses). From anyone else the socket's
   * own address counts, so a client calling a subgraph directly cannot pick the address it is throttled on.
   */
  trustedProxies: string[];
  retention: {
    /** Days after a student leaves or an employment ends before the person is anonymised. */
    daysAfterLeaving: number;
    /** Days an access record is kept; older ones are purged by the retention run (nothing else deletes them). */
    auditDays: number;
    /** How often a subgraph server runs its retention job; 0 turns the timer off (`npm run retention` still works). */
    intervalMinutes: number;
  };
  /**
   * The version of the user agreement and privacy policy in force: consents are given to this version, and
   * a consent to another one cannot be given any more.
   */
  policyVersion: string;
  /** The journal's job that makes the lessons of this week and the next from the timetables. */
  lessonGeneration: {
    /** How often it runs; 0 turns it off (the school admin's `generateLessons` still works). */
    intervalMinutes: number;
  };
}

/** POLICY_VERSION when unset: the texts of the 2026/2027 school year. */
export const DEFAULT_POLICY_VERSION = "2026-09";
const POLICY_VERSION_RE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;

function policyVersion(env: NodeJS.ProcessEnv): string {
  const raw = env.POLICY_VERSION?.trim();
  if (raw === undefined || raw === "") return DEFAULT_POLICY_VERSION;
  if (!POLICY_VERSION_RE.test(raw))
    throw new Error(`Environment variable POLICY_VERSION must be a short label such as 2026-09, got "${raw}"`);
  return raw;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Environment variable ${name} must be a whole number, got "${raw}"`);
  return value;
}

function pem(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  // Containers often pass PEM with literal "\n"; accept both forms.
  return raw ? raw.replace(/\\n/g, "\n") : undefined;
}

/** Loopback: in embedded mode the gateway runs in the same process and subgraphs listen on loopback only. */
const LOOPBACK = ["127.0.0.1", "::1"];

function addresses(env: NodeJS.ProcessEnv, name: string, fallback: string[]): string[] {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "none") return [];
  const list = raw.split(",").map((a) => a.trim());
  const bad = list.find((a) => !isIP(a));
  if (bad !== undefined) throw new Error(`Environment variable ${name} must be "none" or IP addresses separated by commas, got "${bad}"`);
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === "production" ? "production" : "embedded";
  const host = env.HOST ?? "127.0.0.1";
  const port = int(env, "PORT", 4000);
  const dataDir = path.resolve(env.DATA_DIR ?? "data");
  const subgraphPorts = {} as Record<SubgraphName, number>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const databaseUrls = {} as Record<SubgraphName, string | undefined>;
  SUBGRAPHS.forEach((name, i) => {
    const upper = name.toUpperCase();
    subgraphPorts[name] = int(env, `${upper}_PORT`, port + 1 + i);
    subgraphUrls[name] = env[`${upper}_URL`] ?? `http://127.0.0.1:${subgraphPorts[name]}/graphql`;
    databaseUrls[name] =
      env[`${upper}_DATABASE_URL`] ?? (env.DATABASE_URL ? `${env.DATABASE_URL.replace(/\/[^/]*$/, "")}/emaktab_${name}` : undefined);
  });
  if (mode === "production" && SUBGRAPHS.some((s) => !databaseUrls[s])) {
    throw new Error("Production mode needs DATABASE_URL (or <SUBGRAPH>_DATABASE_URL for each subgraph)");
  }
  if (mode === "production" && !env.NATS_URL) {
    throw new Error("Production mode needs NATS_URL: separate service processes exchange events through NATS JetStream");
  }
  return {
    mode,
    host,
    port,
    dataDir,
    subgraphPorts,
    subgraphUrls,
    databaseUrls,
    databaseServerUrl: env.DATABASE_URL || undefined,
    jwt: {
      privateKeyPem: pem(env, "JWT_PRIVATE_KEY"),
      publicKeyPem: pem(env, "JWT_PUBLIC_KEY"),
      issuer: env.JWT_ISSUER ?? "emaktab",
      audience: env.JWT_AUDIENCE ?? "emaktab-api",
      accessTtlSeconds: int(env, "ACCESS_TOKEN_TTL_SECONDS", 15 * 60),
    },
    refreshTtlDays: int(env, "REFRESH_TOKEN_TTL_DAYS", 30),
    signInLock: {
      maxFailures: int(env, "SIGNIN_MAX_FAILURES", 5),
      lockMinutes: int(env, "SIGNIN_LOCK_MINUTES", 15),
      baseDelayMs: int(env, "SIGNIN_DELAY_MS", 250),
    },
    demoPassword: env.DEMO_PASSWORD ?? "demo-password",
    demoPasswordFromEnv: !!env.DEMO_PASSWORD,
    seedDemoWhenEmpty: mode === "embedded" && env.SEED_DEMO !== "0",
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH ?? "schema/supergraph.graphql"),
    natsUrl: env.NATS_URL || undefined,
    trustedProxies: addresses(env, "TRUSTED_PROXY", mode === "production" ? [] : LOOPBACK),
    retention: {
      daysAfterLeaving: int(env, "RETENTION_DAYS_AFTER_LEAVING", 365),
      auditDays: int(env, "AUDIT_RETENTION_DAYS", 1825),
      intervalMinutes: int(env, "RETENTION_INTERVAL_MINUTES", 60),
    },
    policyVersion: policyVersion(env),
    lessonGeneration: { intervalMinutes: int(env, "LESSON_GENERATION_INTERVAL_MINUTES", 360) },
  };
}
