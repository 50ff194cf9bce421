/** Runs the notifications subgraph as its own process (production mode). */
import { runSubgraphProcess } from "../../shared/http/run-subgraph.js";
import { notificationsSubgraph } from "./server.js";

await runSubgraphProcess(notificationsSubgraph);
