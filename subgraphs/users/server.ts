import { staleClaimsCheck } from "../../shared/auth/claims-generation.js";
import { withRevocationCheck } from "../../shared/auth/revocations.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { keepRetention } from "../../shared/privacy/retention.js";
import { contextExtender, type UsersContext } from "./context.js";
import { usersEntities } from "./entities/index.js";
import { followSchoolYears } from "./events/school-year-consumer.js";
import { usersMigrations } from "./migrations/index.js";
import { usersPrivacy } from "./privacy/index.js";
import { registerPlacementConsumers } from "./placements/consumers.js";
import { ownRevocationCheck } from "./partners/revocation.js";
import { buildUsersSchema } from "./schema.js";

export const usersSubgraph: SubgraphModule<UsersContext> = {
  name: "users",
  entities: usersEntities,
  migrations: usersMigrations,
  privacy: usersPrivacy,
  buildSchema: buildUsersSchema,
  createRuntime: (built, deps) => {
    followSchoolYears(deps);
    registerPlacementConsumers(deps);
    return {
      name: "users",
      schema: built.schema,
      orm: deps.orm,
      // Users owns the sessions and the partner clients: a revoked one is refused from its own tables.
      // It also owns the claims generations: a token older than a relationship change is refused from its own table.
      tokens: { ...withRevocationCheck(deps.tokens, ownRevocationCheck(deps.orm)), isStale: staleClaimsCheck(deps.orm) },
      trustedProxies: deps.config.trustedProxies,
      extendContext: contextExtender({ tokens: deps.tokens, config: deps.config, relay: deps.relay }),
      jobs: [keepRetention(deps, "users", usersPrivacy)],
    };
  },
};
