import type { SubgraphPrivacy } from "../../../shared/privacy/subgraph-privacy.js";
import { anonymise } from "./anonymise.js";

/** Institutions publishes the leavings; its own rows already carry the end dates. */
export const institutionsPrivacy: SubgraphPrivacy = { anonymise };
