import type { SubgraphPrivacy } from "../../../shared/privacy/subgraph-privacy.js";
import { anonymise } from "./anonymise.js";
import { endEmploymentPlacements, endEnrolmentPlacement } from "./placements.js";

export const usersPrivacy: SubgraphPrivacy = {
  anonymise,
  onEnrolmentEnded: endEnrolmentPlacement,
  onEmploymentEnded: endEmploymentPlacements,
};
