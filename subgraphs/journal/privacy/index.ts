import type { SubgraphPrivacy } from "../../../shared/privacy/subgraph-privacy.js";
import { anonymise } from "./anonymise.js";
import { endRosterEntry } from "./roster.js";

export const journalPrivacy: SubgraphPrivacy = { anonymise, onEnrolmentEnded: endRosterEntry };
