/** The four subgraphs, in the order they start. */
import type { SubgraphModule } from "../shared/federation/subgraph-module.js";
import { institutionsSubgraph } from "./institutions/server.js";
import { journalSubgraph } from "./journal/server.js";
import { notificationsSubgraph } from "./notifications/server.js";
import { usersSubgraph } from "./users/server.js";

export const SUBGRAPH_MODULES: readonly SubgraphModule<any>[] = [
  usersSubgraph,
  institutionsSubgraph,
  journalSubgraph,
  notificationsSubgraph,
];
