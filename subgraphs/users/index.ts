/** Runs the users subgraph as its own process (production mode). */
import { runSubgraphProcess } from "../../shared/http/run-subgraph.js";
import { usersSubgraph } from "./server.js";

await runSubgraphProcess(usersSubgraph);
