import type { TokenSettings } from "../../shared/auth/tokens.js";
import type { Config } from "../../shared/config.js";
import type { BaseContext } from "../../shared/context.js";
import type { OutboxRelay } from "../../shared/events/outbox.js";
import { createUsersLoaders, type UsersLoaders } from "./loaders/index.js";

/** What sign-in and consents need beyond the request: token signing, the throttle/session settings, the policy version, the outbox relay. */
export interface UsersServices {
  tokens: TokenSettings;
  config: Pick<Config, "refreshTtlDays" | "signInLock" | "retention" | "policyVersion">;
  /** Kicked after a commit that wrote outbox events (a revoked session, a consent change). */
  relay: OutboxRelay;
}

export interface UsersContext extends BaseContext {
  loaders: UsersLoaders;
  services: UsersServices;
}

/** The per-request extension; services are process-wide and immutable, loaders are fresh each time. */
export const contextExtender =
  (services: UsersServices) =>
  (base: BaseContext): UsersContext => ({ ...base, loaders: createUsersLoaders(base.em), services });
