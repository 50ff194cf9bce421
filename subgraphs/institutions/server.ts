import { registerRevokedSessionConsumer, replicaRevocationCheck, withRevocationCheck } from "../../shared/auth/revocations.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { extendContext, type InstitutionsContext } from "./context.js";
import { institutionsEntities } from "./entities/index.js";
import { institutionsMigrations } from "./migrations/index.js";
import { buildInstitutionsSchema } from "./schema.js";

export const institutionsSubgraph: SubgraphModule<InstitutionsContext> = {
  name: "institutions",
  entities: institutionsEntities,
  migrations: institutionsMigrations,
  buildSchema: buildInstitutionsSchema,
  createRuntime: (built, deps) => {
    registerRevokedSessionConsumer(deps.orm, deps.bus, "institutions");
    return {
      name: "institutions",
      schema: built.schema,
      orm: deps.orm,
      tokens: withRevocationCheck(deps.tokens, replicaRevocationCheck(deps.orm)),
      extendContext,
    };
  },
};
