/** Runs the gateway as its own process (production mode); subgraph URLs come from the environment. */
import { loadSigningKeys } from "../shared/auth/keys.js";
import { tokenSettings } from "../shared/auth/tokens.js";
import { loadConfig } from "../shared/config.js";
import { logFatalErrors } from "../shared/http/fatal-errors.js";
import { startGateway } from "./gateway.js";

logFatalErrors("gateway");
const config = loadConfig();
const keys = await loadSigningKeys(config);
const gateway = await startGateway({ config, tokens: tokenSettings(config, keys) });
console.log(`gateway at ${gateway.url}`);
const stop = (): void => void gateway.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
