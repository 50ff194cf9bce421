/**
 * Prometheus metrics of one server (gateway or subgraph), served at `/metrics`. A registry per server, not
 * prom-client's global one: in embedded mode five servers share a process and each answers for itself.
 * Labels are operation names, subgraph names and outcomes: never a value from a request.
 */
import type { ApolloServerPlugin } from "@apollo/server";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Route } from "./serve.js";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests: Histogram<"operation" | "outcome">;
  readonly errors: Counter<"code">;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    this.requests = new Histogram({
      name: "graphql_request_duration_seconds",
      help: "GraphQL requests by operation name and outcome (ok, error), with their latency",
      labelNames: ["operation", "outcome"],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: "graphql_errors_total",
      help: "Errors in responses by code (RATE_LIMITED: refusals, PERSONAL_DATA_WITHHELD: withheld fields, …)",
      labelNames: ["code"],
      registers: [this.registry],
    });
  }

  /** A histogram of this server's own (the gateway's subgraph fetches). */
  histogram<L extends string>(name: string, help: string, labelNames: L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: LATENCY_BUCKETS, registers: [this.registry] });
  }

  /** A gauge read when scraped (outbox lag, pool size). */
  gauge(name: string, help: string, read: () => Promise<number> | number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** Times every GraphQL request and counts the codes of its errors. */
  plugin<C extends object>(): ApolloServerPlugin<C> {
    const requests = this.requests;
    const errors = this.errors;
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ response, operationName }) {
            const list = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
            for (const error of list) errors.inc({ code: String(error.extensions?.code ?? "UNKNOWN") });
            // Unnamed operations share one label; a name is the client's, bounded by trusted documents in production.
            const operation = (operationName ?? "anonymous").slice(0, 64);
            requests.observe({ operation, outcome: list.length ? "error" : "ok" }, (performance.now() - started) / 1000);
          },
        };
      },
    };
  }

  route(): Record<string, Route> {
    return {
      "/metrics": async (_req, res) => {
        res.setHeader("content-type", this.registry.contentType);
        res.end(await this.registry.metrics());
      },
    };
  }
}
