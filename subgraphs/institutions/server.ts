import { replicatedRevocation } from "../../shared/auth/revocations.js";
import { replicatedBlocks } from "../../shared/privacy/blocks.js";
import { replicatedOpenRequests } from "../../shared/privacy/open-requests.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { keepRetention } from "../../shared/privacy/retention.js";
import { institutionsContext, type InstitutionsContext } from "./context.js";
import { institutionsEntities } from "./entities/index.js";
import { institutionsMigrations } from "./migrations/index.js";
import { institutionsPrivacy } from "./privacy/index.js";
import { buildInstitutionsSchema } from "./schema.js";

export const institutionsSubgraph: SubgraphModule<InstitutionsContext> = {
  name: "institutions",
  entities: institutionsEntities,
  migrations: institutionsMigrations,
  privacy: institutionsPrivacy,
  buildSchema: buildInstitutionsSchema,
  createRuntime: (built, deps) => {
    replicatedBlocks(deps, "institutions");
    replicatedOpenRequests(deps, "institutions");
    return {
      name: "institutions",
      schema: built.schema,
      orm: deps.orm,
      // The gateway's address: its X-Request-Id is the audit key (and its X-Forwarded-For believed).
      trustedProxies: deps.config.trustedProxies,
      tokens: replicatedRevocation(deps, "institutions"),
      extendContext: institutionsContext({ relay: deps.relay }),
      jobs: [keepRetention(deps, "institutions", institutionsPrivacy)],
    };
  },
};
