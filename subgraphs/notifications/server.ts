import { replicatedRevocation } from "../../shared/auth/revocations.js";
import type { SubgraphModule } from "../../shared/federation/subgraph-module.js";
import { extendContext, type NotificationsContext } from "./context.js";
import { notificationsEntities } from "./entities/index.js";
import { registerConsentConsumers } from "./events/consent-consumers.js";
import { registerJournalConsumers } from "./events/journal-consumers.js";
import { notificationsMigrations } from "./migrations/index.js";
import { buildNotificationsSchema } from "./schema.js";

export const notificationsSubgraph: SubgraphModule<NotificationsContext> = {
  name: "notifications",
  entities: notificationsEntities,
  migrations: notificationsMigrations,
  buildSchema: buildNotificationsSchema,
  createRuntime: (built, deps) => {
    registerJournalConsumers(deps.orm, deps.bus);
    registerConsentConsumers(deps.orm, deps.bus);
    return {
      name: "notifications",
      schema: built.schema,
      orm: deps.orm,
      tokens: replicatedRevocation(deps, "notifications"),
      extendContext,
    };
  },
};
