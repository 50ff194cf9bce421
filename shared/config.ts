/**
 * The one place that reads the environment. Every other module receives a typed `Config`;
 * a bad value stops the process at boot with a message naming the variable.
 */
import { randomBytes } from "node:crypto";
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
  /** SUBGRAPH_TIMEOUT_MS: how long the gateway waits for one subgraph fetch before answering SERVICE_UNAVAILABLE. */
  subgraphTimeoutMs: number;
  /** SHUTDOWN_DRAIN_MS: how long a stopping server lets requests in flight finish before closing their connections. */
  shutdownDrainMs: number;
  /** `undefined` = embedded SQLite file under dataDir. */
  databaseUrls: Record<SubgraphName, string | undefined>;
  /** DATABASE_URL as given: the PostgreSQL server the per-subgraph databases live on (scripts use it too). */
  databaseServerUrl?: string;
  jwt: { privateKeyPem?: string; publicKeyPem?: string; issuer: string; audience: string; accessTtlSeconds: number };
  refreshTtlDays: number;
  /**
   * Sign-in throttling (subgraphs/users/sign-in/throttle.ts). Failures are counted per login at one address,
   * per login across the addresses it was never signed in from, and per address across such logins; an
   * address the login signed in from before is only ever held back by its own pair.
   */
  signInLock: {
    /** Failures of one login from one address before that pair is locked. */
    maxFailures: number;
    /** Failures of one login from addresses it never signed in from, before such addresses are refused for it. */
    newAddressFailures: number;
    /** Failures from one address on logins that never signed in from it, before it may try no new ones. */
    addressFailures: number;
    /** Days a successful sign-in keeps its address known to the login. */
    knownAddressDays: number;
    lockMinutes: number;
    baseDelayMs: number;
  };
  demoPassword: string;
  /** Whether DEMO_PASSWORD overrides the default (start-up output names the variable, never the secret). */
  demoPasswordFromEnv: boolean;
  seedDemoWhenEmpty: boolean;
  supergraphPath: string;
  /** NATS JetStream for events between separate service processes (production). */
  natsUrl?: string;
  /** How the NATS bus stores and redelivers events (shared/events/nats-bus.ts); unused without NATS_URL. */
  nats: NatsSettings;
  /** Timing of notices to parents, in Tashkent time (UTC+5 all year). */
  notices: NoticeTiming;
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
  journal: {
    /**
     * Days of grace after a term (quarter, or half-year in grades 10–11) ends during which its teachers may still
     * change its marks and attendance; from the day after, only the school's administration may.
     */
    lockDaysAfterTerm: number;
    /**
     * Days a substitute keeps the rights over a lesson they were given, counted from the lesson's day: they
     * write its marks and attendance and read them and the class list that day and SUBSTITUTE_DAYS more.
     */
    substituteDays: number;
  };
  /**
   * The version of the user agreement and privacy policy in force: consents are given to this version, and
   * a consent to another one cannot be given any more.
   */
  policyVersion: string;
  /** What the gateway refuses before planning (README "Limits"); TOO_COMPLEX when exceeded. */
  limits: {
    depth: number;
    aliases: number;
    tokens: number;
    cost: number;
    /** Items the cost assumes for a list field with no bound of its own (gateway/limits/list-bounds.ts). */
    listBound: number;
    directives: number;
    bodyBytes: number;
  };
  /**
   * What each subgraph refuses on its own, whoever calls it (shared/http/subgraph-limits.ts): depth, entity
   * representations per request, and the time one request may keep it busy.
   */
  subgraphLimits: { depth: number; representations: number; timeBudgetMs: number };
  /** Requests per window: per signed-in caller (token subject) and per client address for anonymous callers; 0 = off. */
  rateLimit: { perCaller: number; perAnonymousAddress: number; windowSeconds: number };
  /** Redis shared by several gateway instances for their rate limits; unset = each instance counts in memory. */
  redisUrl?: string;
  /** Schema introspection, and "Did you mean" suggestions in validation errors: on in embedded mode. */
  introspection: boolean;
  /**
   * Shared by the gateway and the subgraphs: the gateway sends it (X-Gateway-Secret) and a subgraph with
   * introspection off answers `__schema`, `__type` and `_service` only to a request carrying it. Embedded:
   * a fresh random one per process (gateway and subgraphs share it). Production: GATEWAY_SECRET, the same on
   * every service; unset, no caller at all may introspect a subgraph (the gateway needs none: its supergraph is static).
   */
  gatewaySecret?: string;
  /** GET /playground: on in embedded mode. */
  playground: boolean;
  /** A persisted-query manifest: when set, the gateway runs only the operations listed in it. */
  trustedDocumentsPath?: string;
  /** Report rows of groups with fewer students than this come back suppressed (figures null). */
  reportMinCellSize: number;
  /** Delivery of notices through external channels (SMS, Telegram, e-mail); in-app needs nothing. */
  delivery: DeliveryConfig;
  /** The journal's job that makes the lessons of this week and the next from the timetables. */
  lessonGeneration: {
    /** How often it runs; 0 turns it off (the school admin's `generateLessons` still works). */
    intervalMinutes: number;
  };
}

/** The external channels a notice can go out through, each behind a provider's HTTP endpoint. */
export const NOTICE_CHANNELS = ["SMS", "TELEGRAM", "EMAIL"] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export interface ProviderEndpoint {
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
}

export interface DeliveryConfig {
  /** A channel is on only when its provider URL is set (`<CHANNEL>_PROVIDER_URL`). */
  providers: Partial<Record<NoticeChannel, ProviderEndpoint>>;
  /** Attempts per delivery before it is dead-lettered. */
  maxAttempts: number;
  /** Backoff before attempt n+1 is about baseDelayMs * 2^(n-1) (with jitter), never above maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long one provider call may take before it counts as failed. */
  timeoutMs: number;
  /** How often the notifications server looks for due deliveries; 0 turns the timer off. */
  pollMs: number;
  /** Deliveries claimed per pass. */
  batchSize: number;
}

export interface NatsSettings {
  /** JetStream stream holding every topic (NATS_STREAM, default EMAKTAB). */
  stream: string;
  /** Subjects are `<prefix>.<topic>` (NATS_SUBJECT_PREFIX, default emaktab). */
  subjectPrefix: string;
  /** An event a consumer took and did not ack within this time (it crashed) is delivered again (NATS_ACK_WAIT_MS). */
  ackWaitMs: number;
  /** Deliveries of one event to one consumer before it is parked as a dead letter (NATS_MAX_DELIVER). */
  maxDeliver: number;
}

/** A daily window in minutes after Tashkent midnight; `start > end` wraps past midnight (22:00-07:00). */
export interface QuietHours {
  start: number;
  end: number;
}

export interface NoticeTiming {
  /** QUIET_HOURS, default 22:00-07:00; "off" sends everything at once. */
  quietHours: QuietHours | null;
  /** DIGEST_AT, default 19:00: when the daily digest of a guardian who chose one is composed. */
  digestAt: number;
}

const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function clock(name: string, raw: string): number {
  const match = CLOCK_RE.exec(raw.trim());
  if (!match) throw new Error(`Environment variable ${name} must be a time HH:MM, got "${raw}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function quietHours(env: NodeJS.ProcessEnv): QuietHours | null {
  const raw = env.QUIET_HOURS?.trim();
  if (raw === "off" || raw === "none") return null;
  const [from, to, ...rest] = (raw || "22:00-07:00").split("-");
  if (from === undefined || to === undefined || rest.length > 0) {
    throw new Error(`Environment variable QUIET_HOURS must be "HH:MM-HH:MM" or "off", got "${raw}"`);
  }
  const window = { start: clock("QUIET_HOURS", from), end: clock("QUIET_HOURS", to) };
  if (window.start === window.end) throw new Error(`Environment variable QUIET_HOURS must not be empty, got "${raw}"`);
  return window;
}

const NATS_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;

function natsName(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!NATS_NAME_RE.test(raw)) throw new Error(`Environment variable ${name} must be letters, digits, "_" or "-", got "${raw}"`);
  return raw;
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

function providers(env: NodeJS.ProcessEnv): DeliveryConfig["providers"] {
  const out: DeliveryConfig["providers"] = {};
  for (const channel of NOTICE_CHANNELS) {
    const name = `${channel}_PROVIDER_URL`;
    const raw = env[name]?.trim();
    if (!raw) continue;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`Environment variable ${name} must be an http(s) URL, got "${raw}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`Environment variable ${name} must be an http(s) URL`);
    const token = env[`${channel}_PROVIDER_TOKEN`]?.trim();
    out[channel] = { url: url.toString(), ...(token ? { token } : {}) };
  }
  return out;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`Environment variable ${name} must be a whole number, got "${raw}"`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (raw === "1" || raw === "true") return true;
  if (raw === "0" || raw === "false") return false;
  throw new Error(`Environment variable ${name} must be 1 or 0, got "${env[name]}"`);
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = int(env, name, fallback);
  if (value < 1) throw new Error(`Environment variable ${name} must be at least 1, got "${env[name]}"`);
  return value;
}

function pem(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  // Containers often pass PEM with literal "\n"; accept both forms.
  return raw ? raw.replace(/\\n/g, "\n") : undefined;
}

/** Suppression cannot be switched off: a cell of fewer than one student would be no cell at all. */
function minCellSize(env: NodeJS.ProcessEnv): number {
  const value = int(env, "MIN_CELL_SIZE", 10);
  if (value < 1) throw new Error(`Environment variable MIN_CELL_SIZE must be at least 1, got "${env.MIN_CELL_SIZE}"`);
  return value;
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

function gatewaySecret(env: NodeJS.ProcessEnv, mode: Config["mode"]): string | undefined {
  const given = env.GATEWAY_SECRET;
  if (given !== undefined && given !== "") {
    if (given.length < 32) throw new Error("GATEWAY_SECRET must be at least 32 characters");
    return given;
  }
  return mode === "embedded" ? randomBytes(32).toString("hex") : undefined;
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
  const nats = {
    stream: natsName(env, "NATS_STREAM", "EMAKTAB"),
    subjectPrefix: natsName(env, "NATS_SUBJECT_PREFIX", "emaktab"),
    ackWaitMs: int(env, "NATS_ACK_WAIT_MS", 30_000),
    maxDeliver: int(env, "NATS_MAX_DELIVER", 10),
  };
  // Below a second a slow handler's keep-alive cannot keep up; zero deliveries would drop every event.
  if (nats.ackWaitMs < 1000) throw new Error(`Environment variable NATS_ACK_WAIT_MS must be at least 1000, got "${env.NATS_ACK_WAIT_MS}"`);
  if (nats.maxDeliver < 1) throw new Error(`Environment variable NATS_MAX_DELIVER must be at least 1, got "${env.NATS_MAX_DELIVER}"`);
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
    subgraphTimeoutMs: Math.max(1, int(env, "SUBGRAPH_TIMEOUT_MS", 10_000)),
    shutdownDrainMs: int(env, "SHUTDOWN_DRAIN_MS", 10_000),
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
      newAddressFailures: int(env, "SIGNIN_NEW_ADDRESS_FAILURES", 20),
      // A school of hundreds behind one NAT: its people's sign-ins from there are known and not counted;
      // this bounds what one address may guess across other logins.
      addressFailures: int(env, "SIGNIN_ADDRESS_FAILURES", 300),
      knownAddressDays: int(env, "SIGNIN_KNOWN_ADDRESS_DAYS", 90),
      lockMinutes: int(env, "SIGNIN_LOCK_MINUTES", 15),
      baseDelayMs: int(env, "SIGNIN_DELAY_MS", 250),
    },
    demoPassword: env.DEMO_PASSWORD ?? "demo-password",
    demoPasswordFromEnv: !!env.DEMO_PASSWORD,
    seedDemoWhenEmpty: mode === "embedded" && env.SEED_DEMO !== "0",
    supergraphPath: path.resolve(env.SUPERGRAPH_PATH ?? "schema/supergraph.graphql"),
    natsUrl: env.NATS_URL || undefined,
    nats,
    notices: {
      quietHours: quietHours(env),
      digestAt: env.DIGEST_AT ? clock("DIGEST_AT", env.DIGEST_AT) : 19 * 60,
    },
    trustedProxies: addresses(env, "TRUSTED_PROXY", mode === "production" ? [] : LOOPBACK),
    retention: {
      daysAfterLeaving: int(env, "RETENTION_DAYS_AFTER_LEAVING", 365),
      auditDays: int(env, "AUDIT_RETENTION_DAYS", 1825),
      intervalMinutes: int(env, "RETENTION_INTERVAL_MINUTES", 60),
    },
    journal: { lockDaysAfterTerm: int(env, "LOCK_DAYS_AFTER_TERM", 5), substituteDays: int(env, "SUBSTITUTE_DAYS", 3) },
    policyVersion: policyVersion(env),
    // Defaults sit well above the project's own documents (the costliest, the ministry's list of every school of
    // the country, costs about 113,000; the deepest is 6 levels, the longest 163 tokens), and the cost refuses a
    // school's every mark in one query: tests/unit/limits-defaults.test.ts.
    limits: {
      depth: positive(env, "MAX_DEPTH", 10),
      aliases: int(env, "MAX_ALIASES", 15),
      tokens: positive(env, "MAX_TOKENS", 2000),
      cost: positive(env, "MAX_COST", 250_000),
      listBound: positive(env, "COST_LIST_BOUND", 50),
      directives: int(env, "MAX_DIRECTIVES", 20),
      bodyBytes: positive(env, "MAX_BODY_BYTES", 1024 * 1024),
    },
    subgraphLimits: {
      // The gateway's depth plus `_entities` and an inline fragment's field.
      depth: positive(env, "SUBGRAPH_MAX_DEPTH", positive(env, "MAX_DEPTH", 10) + 2),
      // The largest fetch the gateway's cost admits: a big school's roster, 60 classes × 40 pupils.
      representations: positive(env, "SUBGRAPH_MAX_REPRESENTATIONS", 2500),
      timeBudgetMs: positive(env, "SUBGRAPH_TIME_BUDGET_MS", 10_000),
    },
    rateLimit: {
      perCaller: int(env, "RATE_LIMIT", 600),
      // Anonymous requests are sign-ins and refreshes: a school of ~1,500 behind one address signs in at the
      // first bell and refreshes every 15 minutes. Guessing is bounded by the sign-in throttle, not by this.
      perAnonymousAddress: int(env, "RATE_LIMIT_ANONYMOUS", 1200),
      windowSeconds: positive(env, "RATE_LIMIT_WINDOW_SECONDS", 60),
    },
    redisUrl: env.REDIS_URL || undefined,
    introspection: flag(env, "INTROSPECTION", mode === "embedded"),
    gatewaySecret: gatewaySecret(env, mode),
    playground: flag(env, "PLAYGROUND", mode === "embedded"),
    trustedDocumentsPath: env.TRUSTED_DOCUMENTS ? path.resolve(env.TRUSTED_DOCUMENTS) : undefined,
    reportMinCellSize: minCellSize(env),
    delivery: {
      providers: providers(env),
      maxAttempts: positive(env, "DELIVERY_MAX_ATTEMPTS", 5),
      baseDelayMs: int(env, "DELIVERY_BASE_DELAY_MS", 30_000),
      maxDelayMs: int(env, "DELIVERY_MAX_DELAY_MS", 3_600_000),
      timeoutMs: positive(env, "DELIVERY_TIMEOUT_MS", 10_000),
      pollMs: int(env, "DELIVERY_POLL_MS", 2_000),
      batchSize: positive(env, "DELIVERY_BATCH_SIZE", 20),
    },
    lessonGeneration: { intervalMinutes: int(env, "LESSON_GENERATION_INTERVAL_MINUTES", 360) },
  };
}
