/** Runs the users subgraph as its own process (production mode). */
import { runSubgraphProcess } from "../../scripts/run-subgraph.js";
import { usersSubgraph } from "./server.js";

await runSubgraphProcess(usersSubgraph);
