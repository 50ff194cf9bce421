import { replicatedRevocation } from "../../shared/auth/revocations.js";
import { replicatedBlocks } from "../../shared/privacy/blocks.js";
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
    replicatedBlocks(deps, "institutions");
    return {
      name: "institutions",
      schema: built.schema,
      orm: deps.orm,
      tokens: replicatedRevocation(deps, "institutions"),
      extendContext,
    };
  },
};
