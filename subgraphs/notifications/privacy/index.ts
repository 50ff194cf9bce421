import type { SubgraphPrivacy } from "../../../shared/privacy/subgraph-privacy.js";
import { anonymise } from "./anonymise.js";

export const notificationsPrivacy: SubgraphPrivacy = { anonymise };
