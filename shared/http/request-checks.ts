/**
 * Checks on what a request carries, before anything runs, in the gateway and every subgraph alike:
 * - an `operationName` that names no operation of the document is the client's mistake (BAD_USER_INPUT),
 *   not a server failure (the gateway's planner would otherwise fail with a 500);
 * - a string argument (a variable or a literal) holding a NUL character or text that is not well-formed
 *   Unicode (a lone surrogate, which is what broken UTF-8 turns into) is refused as BAD_USER_INPUT, so no
 *   such value reaches a database, where it would fail or be stored mangled. Raw bytes that are not UTF-8
 *   are refused earlier, when the body is decoded (serve.ts).
 */
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { Kind, visit, type DocumentNode } from "graphql";
import { BadUserInputError } from "../errors.js";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string that may be stored: no NUL, and well-formed UTF-16 (every surrogate paired). */
export function isCleanText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** The path of the first string inside `value` that is not clean text, or undefined. */
function firstUncleanPath(value: unknown, path: string): string | undefined {
  if (typeof value === "string") return isCleanText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstUncleanPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (!isCleanText(key)) return path;
      const found = firstUncleanPath(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The name of the argument holding the first unclean string literal of the document, or undefined. */
function firstUncleanLiteral(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    Argument(node) {
      if (found) return false;
      let bad = false;
      visit(node.value, {
        [Kind.STRING](literal) {
          if (!isCleanText(literal.value)) bad = true;
        },
      });
      if (bad) found = node.name.value;
      return undefined;
    },
  });
  return found;
}

export function requestChecksPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (!operation) {
            const named = request.operationName
              ? `no operation named "${request.operationName.slice(0, 100)}" in the document`
              : "the document has several operations: name one";
            throw new BadUserInputError("operationName", named, 400);
          }
          const variable = firstUncleanPath(request.variables ?? {}, "variables");
          if (variable !== undefined) throw new BadUserInputError(variable, "text with a NUL character or invalid UTF-8", 400);
          const literal = firstUncleanLiteral(document);
          if (literal) throw new BadUserInputError(literal, "text with a NUL character or invalid UTF-8", 400);
        },
      };
    },
  };
}
