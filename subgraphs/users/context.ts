import type { TokenSettings } from "../../shared/auth/tokens.js";
import type { Config } from "../../shared/config.js";
import type { BaseContext } from "../../shared/context.js";
import { createUsersLoaders, type UsersLoaders } from "./loaders/index.js";

/** What sign-in needs beyond the request: token signing and the throttle/session settings. */
export interface UsersServices {
  tokens: TokenSettings;
  config: Pick<Config, "refreshTtlDays" | "signInLock">;
}

export interface UsersContext extends BaseContext {
  loaders: UsersLoaders;
  services: UsersServices;
}

/** The per-request extension; services are process-wide and immutable, loaders are fresh each time. */
export const contextExtender =
  (services: UsersServices) =>
  (base: BaseContext): UsersContext => ({ ...base, loaders: createUsersLoaders(base.em), services });
