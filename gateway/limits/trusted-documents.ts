/**
 * Trusted documents: with TRUSTED_DOCUMENTS set, the gateway runs only operations listed in a manifest
 * (Apollo's persisted-query manifest format), so a client build can ask exactly what it shipped with and
 * nothing else, whatever credentials it holds. Clients send `extensions.persistedQuery.sha256Hash` (Apollo's
 * persisted-query convention, version 1), with or without the text; a text without a hash is accepted only
 * when it is, byte for byte, a listed body.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

export const MANIFEST_FORMAT = "apollo-persisted-query-manifest";

export interface ManifestOperation {
  /** sha256 of `body`, hex. */
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: ManifestOperation[];
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

/** What a request asks for: a text, a hash, or both. */
export interface AskedOperation {
  query?: string;
  sha256Hash?: string;
}

export type Resolution = { query: string } | { refused: string };

export class TrustedDocuments {
  private constructor(private readonly bodies: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.bodies.size;
  }

  /** Reads and checks a manifest; a wrong file stops the gateway at start, naming what is wrong. */
  static async load(file: string): Promise<TrustedDocuments> {
    let manifest: Partial<Manifest>;
    try {
      manifest = JSON.parse(await readFile(file, "utf8")) as Partial<Manifest>;
    } catch (error) {
      throw new Error(`TRUSTED_DOCUMENTS: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return TrustedDocuments.from(manifest, file);
  }

  static from(manifest: Partial<Manifest>, label = "manifest"): TrustedDocuments {
    if (manifest.format !== MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
      throw new Error(`TRUSTED_DOCUMENTS: ${label} is not an ${MANIFEST_FORMAT} of version 1 (npm run manifest writes one)`);
    }
    const bodies = new Map<string, string>();
    for (const operation of manifest.operations) {
      if (typeof operation?.body !== "string" || sha256Hex(operation.body) !== operation.id) {
        throw new Error(`TRUSTED_DOCUMENTS: in ${label}, the id of operation ${operation?.name ?? "?"} is not the sha256 of its body`);
      }
      bodies.set(operation.id, operation.body);
    }
    return new TrustedDocuments(bodies);
  }

  /** The text to run for a request, or why it is refused. */
  resolve({ query, sha256Hash }: AskedOperation): Resolution {
    if (sha256Hash !== undefined) {
      const body = this.bodies.get(sha256Hash.toLowerCase());
      if (body === undefined) return { refused: "the operation is not in the trusted documents manifest" };
      if (query !== undefined && query !== body) return { refused: "the text sent differs from the registered operation" };
      return { query: body };
    }
    if (query !== undefined && this.bodies.has(sha256Hex(query))) return { query };
    return { refused: "only operations registered in the trusted documents manifest are accepted" };
  }
}
