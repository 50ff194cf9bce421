/**
 * A small node:http front for Apollo Server: one code path for the gateway and the subgraphs, with a
 * body-size limit, the X-Request-Id echo, and room for plain routes (/health, /playground).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext } from "@apollo/server";
import { requestIdsOf, type RequestIds } from "../auth/caller.js";
import { parseAcceptLanguage } from "../i18n/locale.js";
import { localizeMessage } from "./error-format.js";
import { logError } from "./log-safe.js";
import type { HealthState } from "./health.js";

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** A GraphQL-over-HTTP request as Apollo Server receives it: GET reads `search`, POST the parsed JSON `body`. */
export interface GraphQLHttpRequest {
  method: string;
  search: string;
  body: unknown;
}

/** What a front step decides about a request before Apollo Server sees it: go on (possibly rewritten), or an answer. */
export type Admission = { admit: GraphQLHttpRequest } | { refuse: { status: number; body: unknown } };

export interface ServeOptions<C extends ApolloContext> {
  host: string;
  port: number;
  context: (req: IncomingMessage, ids: RequestIds) => Promise<C>;
  /**
   * Whether this request comes from the gateway, whose X-Request-Id (the audit key) and X-Correlation-Id are
   * then believed; otherwise the request gets a fresh id and the client's X-Request-Id is a correlation id.
   */
  fromGateway?: (req: IncomingMessage) => boolean;
  routes?: Record<string, Route>;
  maxBodyBytes?: number;
  graphqlPath?: string;
  /** Runs on every GraphQL request before Apollo Server (the gateway's batch, token and trusted-document checks). */
  admit?: (req: IncomingMessage, request: GraphQLHttpRequest) => Admission | Promise<Admission>;
  /** How long `close()` lets requests in flight finish before it closes their connections (default 10 s). */
  drainMs?: number;
  /** Marked draining when `close()` starts, so readiness turns 503 while requests in flight finish. */
  health?: HealthState;
}

export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

class NotUtf8 extends Error {}

/** The body as text; bytes that are not UTF-8 are refused rather than silently replaced by U+FFFD. */
function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NotUtf8();
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(body));
}

export function errorBody(code: string, message: string): unknown {
  return { errors: [{ message, extensions: { code } }] };
}

/** An error body in the language the request asks for (Accept-Language), the English text kept as the detail. */
export function localizedErrorBody(req: IncomingMessage, code: string, detail: string): unknown {
  const header = req.headers["accept-language"];
  const locale = parseAcceptLanguage(Array.isArray(header) ? header[0] : header) ?? "UZ_LATN";
  return { errors: [{ message: localizeMessage(code, locale, { detail }) ?? detail, extensions: { code, detail } }] };
}

export async function serve<C extends ApolloContext>(apollo: ApolloServer<C>, options: ServeOptions<C>): Promise<Listening> {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const graphqlPath = options.graphqlPath ?? "/graphql";
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const ids = requestIdsOf(header, options.fromGateway?.(req) ?? false);
    // The client's own id is echoed (generated when absent); the audit key is told apart.
    res.setHeader("x-request-id", ids.correlationId ?? ids.requestId);
    res.setHeader("x-audit-request-id", ids.requestId);
    const route = options.routes?.[url.pathname];
    if (route) return route(req, res);
    if (url.pathname !== graphqlPath) return sendJson(res, 404, errorBody("NOT_FOUND", "No such path"));

    let body: unknown;
    if (req.method === "POST") {
      const tooLarge = (): void => {
        // The rest of the body is not read: close the connection rather than leave it half-consumed.
        res.setHeader("connection", "close");
        sendJson(res, 413, localizedErrorBody(req, "TOO_COMPLEX", `request body over ${limit} bytes`));
      };
      if (Number(req.headers["content-length"] ?? 0) > limit) return tooLarge();
      let raw: string;
      try {
        raw = decodeUtf8(await readBody(req, limit));
      } catch (error) {
        if (error instanceof BodyTooLarge) return tooLarge();
        if (error instanceof NotUtf8) return sendJson(res, 400, errorBody("BAD_USER_INPUT", "The request body is not valid UTF-8"));
        throw error;
      }
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return sendJson(res, 400, errorBody("BAD_USER_INPUT", "The request body is not valid JSON"));
      }
    }
    let request: GraphQLHttpRequest = { method: req.method ?? "GET", search: url.search, body };
    if (options.admit) {
      const admission = await options.admit(req, request);
      if ("refuse" in admission) return sendJson(res, admission.refuse.status, admission.refuse.body);
      request = admission.admit;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { ...request, headers },
      context: () => options.context(req, ids),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const server = createServer((req, res) => {
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) drained?.();
    });
    // While draining, a kept-alive connection is told not to come back after this answer.
    if (draining) res.setHeader("connection", "close");
    handle(req, res).catch((error: unknown) => {
      logError("[http]", error);
      if (!res.headersSent) sendJson(res, 500, errorBody("INTERNAL_SERVER_ERROR", "Internal error"));
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}${graphqlPath}`,
    server,
    // Graceful: stop accepting, let the requests in flight finish (up to drainMs), then close what is left.
    close: async () => {
      draining = true;
      if (options.health) options.health.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, options.drainMs ?? 10_000).unref();
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
