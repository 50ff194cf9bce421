/**
 * Turns GraphQL documents into a trusted-documents manifest (see trusted-documents.ts): one entry per named
 * operation, with the fragments it uses (from any of the documents), printed by graphql-js so that the same
 * operation always gives the same body and hash, whatever the formatting of its source.
 */
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import { MANIFEST_FORMAT, sha256Hex, type Manifest, type ManifestOperation } from "./trusted-documents.js";

export interface DocumentSource {
  /** Where the text comes from, for error messages. */
  name: string;
  text: string;
}

function spreadNames(node: DefinitionNode): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
}

/** The operation followed by every fragment it reaches, each once, in name order. */
function withFragments(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = spreadNames(operation);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name)) continue;
    const fragment = fragments.get(name);
    if (!fragment) throw new Error(`operation ${operation.name?.value} uses fragment ${name}, which none of the documents defines`);
    used.set(name, fragment);
    pending.push(...spreadNames(fragment));
  }
  const ordered = [...used.values()].sort((a, b) => a.name.value.localeCompare(b.name.value));
  return { kind: Kind.DOCUMENT, definitions: [operation, ...ordered] };
}

export function buildOperationManifest(sources: readonly DocumentSource[]): Manifest {
  const operations: Array<{ node: OperationDefinitionNode; source: string }> = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const source of sources) {
    for (const definition of parse(source.text).definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        if (fragments.has(definition.name.value))
          throw new Error(`fragment ${definition.name.value} is defined twice (again in ${source.name})`);
        fragments.set(definition.name.value, definition);
      } else if (definition.kind === Kind.OPERATION_DEFINITION) {
        // A client refers to its operations by name; an anonymous one could not be told apart.
        if (!definition.name) throw new Error(`${source.name}: every operation needs a name`);
        operations.push({ node: definition, source: source.name });
      }
    }
  }
  const byName = new Map<string, ManifestOperation>();
  for (const { node, source } of operations) {
    const body = print(withFragments(node, fragments));
    const entry: ManifestOperation = { id: sha256Hex(body), name: node.name!.value, type: node.operation, body };
    const earlier = byName.get(entry.name);
    if (earlier && earlier.id !== entry.id)
      throw new Error(`operation ${entry.name} is defined twice with different bodies (again in ${source})`);
    byName.set(entry.name, entry);
  }
  const sorted = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { format: MANIFEST_FORMAT, version: 1, operations: sorted };
}
