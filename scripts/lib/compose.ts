/**
 * Offline composition: builds each subgraph's SDL from code and composes the supergraph with
 * @apollo/composition. No subgraph needs to be running.
 */
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { loadConfig, type SubgraphName } from "../../shared/config.js";
import { SUBGRAPH_MODULES } from "../../subgraphs/index.js";

export interface Composition {
  subgraphs: Record<SubgraphName, string>;
  supergraph: string;
}

export async function composeSupergraph(): Promise<Composition> {
  // The URLs written into the supergraph are the embedded defaults; the gateway maps names to its own URLs.
  const config = loadConfig({});
  const subgraphs = {} as Record<SubgraphName, string>;
  for (const module of SUBGRAPH_MODULES) subgraphs[module.name] = (await module.buildSchema()).sdl;
  const result = composeServices(
    SUBGRAPH_MODULES.map((module) => ({
      name: module.name,
      url: config.subgraphUrls[module.name],
      typeDefs: parse(subgraphs[module.name]),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl };
}
