import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { contextExtender, type UsersContext } from "./context.js";
import { usersEntities } from "./entities/index.js";
import { usersMigrations } from "./migrations/index.js";
import { buildUsersSchema } from "./schema.js";

export const usersSubgraph: SubgraphModule<UsersContext> = {
  name: "users",
  entities: usersEntities,
  migrations: usersMigrations,
  buildSchema: buildUsersSchema,
  createRuntime: (built, deps) => ({
    name: "users",
    schema: built.schema,
    orm: deps.orm,
    tokens: deps.tokens,
    extendContext: contextExtender({ tokens: deps.tokens, config: deps.config }),
  }),
};
