/** npm run compose: writes schema/<subgraph>.graphql and schema/supergraph.graphql. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { composeSupergraph } from "./lib/compose.js";

const outDir = path.resolve("schema");
const { subgraphs, supergraph } = await composeSupergraph();
for (const [name, sdl] of Object.entries(subgraphs)) {
  await writeFile(path.join(outDir, `${name}.graphql`), sdl);
}
await writeFile(path.join(outDir, "supergraph.graphql"), supergraph);
console.log(`Composed ${Object.keys(subgraphs).length} subgraphs into schema/supergraph.graphql`);
