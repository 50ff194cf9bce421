import type { BaseContext } from "../../shared/context.js";
import type { OutboxRelay } from "../../shared/events/outbox.js";
import { createInstitutionsLoaders, type InstitutionsLoaders } from "./loaders/index.js";

/** Process-wide collaborators a request may use (never request state). */
export interface InstitutionsServices {
  /** Kicked after a commit that wrote outbox events. */
  relay: OutboxRelay;
}

export interface InstitutionsContext extends BaseContext {
  loaders: InstitutionsLoaders;
  services: InstitutionsServices;
}

export const institutionsContext =
  (services: InstitutionsServices) =>
  (base: BaseContext): InstitutionsContext => ({ ...base, loaders: createInstitutionsLoaders(base.em, base.locale), services });
