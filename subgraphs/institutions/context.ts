import type { BaseContext } from "../../shared/context.js";
import { createInstitutionsLoaders, type InstitutionsLoaders } from "./loaders/index.js";

export interface InstitutionsContext extends BaseContext {
  loaders: InstitutionsLoaders;
}

export const extendContext = (base: BaseContext): InstitutionsContext => ({
  ...base,
  loaders: createInstitutionsLoaders(base.em, base.locale),
});
