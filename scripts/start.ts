/** npm start: the embedded system (SQLite under ./data, in-process bus, demo world on first start). */
import { loadConfig } from "../shared/config.js";
import { logFatalErrors } from "../shared/http/fatal-errors.js";
import { startSystem } from "./lib/system.js";
import { DEMO_LOGINS } from "./seed/demo-logins.js";

const config = loadConfig();
logFatalErrors("emaktab");
const system = await startSystem({ config, seedDemoWhenEmpty: config.seedDemoWhenEmpty, log: (m) => console.log(m) });

console.log(`\neMaktab GraphQL API ready at ${system.gatewayUrl}`);
console.log(`Health: ${system.gatewayUrl.replace(/\/graphql$/, "/health")}`);
console.log(`Data: ${config.dataDir}`);
console.log(`Demo logins (password "${config.demoPasswordFromEnv ? "$DEMO_PASSWORD" : config.demoPassword}"): ${DEMO_LOGINS.join(", ")}`);
console.log("Press Ctrl-C to stop.");

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  system
    .stop()
    .then(() => process.exit(0))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
};
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
