/** Runs the institutions subgraph as its own process (production mode). */
import { runSubgraphProcess } from "../../shared/http/run-subgraph.js";
import { institutionsSubgraph } from "./server.js";

await runSubgraphProcess(institutionsSubgraph);
