/** Runs the journal subgraph as its own process (production mode). */
import { runSubgraphProcess } from "../../shared/http/run-subgraph.js";
import { journalSubgraph } from "./server.js";

await runSubgraphProcess(journalSubgraph);
