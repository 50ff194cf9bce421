/**
 * The gateway's front step, on the raw HTTP request before Apollo Server parses anything: one operation per
 * request (batches refused), the operation registered when trusted documents are on, and the token limit.
 */
import type { IncomingMessage } from "node:http";
import type { Admission, GraphQLHttpRequest } from "../../shared/http/serve.js";
import { localizedErrorBody } from "../../shared/http/serve.js";
import { tokenLimitExceeded } from "./complexity.js";
import { sha256Hex, type AskedOperation, type TrustedDocuments } from "./trusted-documents.js";

export interface AdmissionOptions {
  maxTokens: number;
  trusted?: TrustedDocuments;
}

type Extensions = Record<string, unknown> & { persistedQuery?: { sha256Hash?: unknown } };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The operation's text and extensions, wherever the method puts them. */
function readOperation(request: GraphQLHttpRequest): { query?: string; extensions?: Extensions } {
  if (request.method === "GET") {
    const params = new URLSearchParams(request.search);
    const extensions = parseJson(params.get("extensions"));
    return { query: params.get("query") ?? undefined, extensions: isRecord(extensions) ? extensions : undefined };
  }
  const body = isRecord(request.body) ? request.body : {};
  return {
    query: typeof body.query === "string" ? body.query : undefined,
    extensions: isRecord(body.extensions) ? (body.extensions as Extensions) : undefined,
  };
}

/**
 * The request with the registered text in place of what was sent, and the persisted-query extension taken
 * out: Apollo Server's own persisted-query cache (which lets any client register a text) is never involved.
 */
function withQuery(request: GraphQLHttpRequest, query: string, extensions: Extensions | undefined): GraphQLHttpRequest {
  const { persistedQuery: _registered, ...rest } = extensions ?? {};
  const kept = Object.keys(rest).length ? rest : undefined;
  if (request.method === "GET") {
    const params = new URLSearchParams(request.search);
    params.set("query", query);
    if (kept) params.set("extensions", JSON.stringify(kept));
    else params.delete("extensions");
    return { ...request, search: `?${params.toString()}` };
  }
  const body = isRecord(request.body) ? request.body : {};
  const { extensions: _sent, ...others } = body;
  return { ...request, body: { ...others, query, ...(kept ? { extensions: kept } : {}) } };
}

export function admission(options: AdmissionOptions) {
  return (req: IncomingMessage, request: GraphQLHttpRequest): Admission => {
    if (Array.isArray(request.body)) {
      return {
        refuse: {
          status: 400,
          body: localizedErrorBody(req, "TOO_COMPLEX", "batched requests are not accepted: send one operation per HTTP request"),
        },
      };
    }
    const { query, extensions } = readOperation(request);
    let admitted = request;
    let text = query;
    const hash = extensions?.persistedQuery?.sha256Hash;
    // A text sent with a hash that is not its sha256 is the client's mistake (a stale or hand-made hash):
    // a client error of its own, where Apollo Server would answer an uncoded error the client sees as internal.
    if (typeof hash === "string" && query !== undefined && sha256Hex(query) !== hash.toLowerCase()) {
      return {
        refuse: {
          status: 400,
          body: localizedErrorBody(
            req,
            "PERSISTED_QUERY_HASH_MISMATCH",
            "extensions.persistedQuery.sha256Hash is not the sha256 of the query text sent",
          ),
        },
      };
    }
    if (options.trusted) {
      const asked: AskedOperation = { query, sha256Hash: typeof hash === "string" ? hash : undefined };
      const resolution = options.trusted.resolve(asked);
      if ("refused" in resolution) return { refuse: { status: 403, body: localizedErrorBody(req, "FORBIDDEN", resolution.refused) } };
      text = resolution.query;
      admitted = withQuery(request, text, extensions);
    }
    const tooLong = text === undefined ? undefined : tokenLimitExceeded(text, options.maxTokens);
    if (tooLong) return { refuse: { status: 400, body: localizedErrorBody(req, "TOO_COMPLEX", tooLong) } };
    return { admit: admitted };
  };
}
