/**
 * The playground page (runs in the browser; bundled with GraphiQL and React by bundle.ts): GraphiQL over
 * this gateway, with a bar above it to sign in or paste an access token, declare a purpose (X-Purpose) and
 * pick a language. Those headers go with every request; GraphiQL's own headers editor can add or override.
 */
import { GraphiQL } from "graphiql";
import { createElement as h, useCallback, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import "graphiql/style.css";
import "./playground.css";

const ENDPOINT = new URL("graphql", document.baseURI).toString();
const PURPOSES = ["JOURNAL", "PARENT_NOTIFICATION", "REPORTING", "SELF_SERVICE", "ADMINISTRATION", "LEGAL_REQUEST"];
const LANGUAGES = [
  ["uz-Latn", "Oʻzbekcha"],
  ["uz-Cyrl", "Ўзбекча"],
  ["ru", "Русский"],
  ["en", "English"],
];
const DEFAULT_QUERY = `# Sign in above (or paste a token), choose a purpose, then run:
{
  me {
    fullName
    role
  }
}
`;
const SIGN_IN = "mutation SignIn($login: String!, $password: String!) { signIn(login: $login, password: $password) { accessToken } }";

async function post(body, headers) {
  const response = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return response.json();
}

function field(label, input) {
  return h("label", { className: "emaktab-field" }, h("span", null, label), input);
}

function Playground() {
  const [token, setToken] = useState("");
  const [purpose, setPurpose] = useState("");
  const [language, setLanguage] = useState("");
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [status, setStatus] = useState("");
  // The fetcher reads the bar's current values without being recreated (which would reload the schema).
  const bar = useRef({ token, purpose, language });
  bar.current = { token, purpose, language };

  const fetcher = useCallback((params, options) => {
    const { token, purpose, language } = bar.current;
    const headers = {};
    if (token.trim()) headers.authorization = `Bearer ${token.trim().replace(/^Bearer\s+/i, "")}`;
    if (purpose) headers["x-purpose"] = purpose;
    if (language) headers["accept-language"] = language;
    return post(params, { ...headers, ...(options?.headers ?? {}) });
  }, []);

  const signIn = async (event) => {
    event.preventDefault();
    setStatus("…");
    try {
      const result = await post({ query: SIGN_IN, variables: { login, password } }, language ? { "accept-language": language } : {});
      const accessToken = result?.data?.signIn?.accessToken;
      if (accessToken) {
        setToken(accessToken);
        setPassword("");
        setStatus(`signed in as ${login}`);
      } else {
        setStatus(result?.errors?.[0]?.message ?? "sign-in failed");
      }
    } catch (error) {
      setStatus(String(error));
    }
  };

  const options = (values, none) => [
    h("option", { key: "", value: "" }, none),
    ...values.map(([value, label]) => h("option", { key: value, value }, label)),
  ];

  return h(
    "div",
    { className: "emaktab-playground" },
    h(
      "div",
      { className: "emaktab-bar" },
      h(
        "form",
        { className: "emaktab-sign-in", onSubmit: signIn },
        field("Login", h("input", { name: "login", value: login, onChange: (e) => setLogin(e.target.value), autoComplete: "username" })),
        field(
          "Password",
          h("input", {
            name: "password",
            type: "password",
            value: password,
            onChange: (e) => setPassword(e.target.value),
            autoComplete: "current-password",
          }),
        ),
        h("button", { type: "submit", name: "sign-in" }, "Sign in"),
      ),
      field(
        "Access token",
        h("input", {
          name: "token",
          value: token,
          placeholder: "paste a token (Authorization: Bearer …)",
          onChange: (e) => setToken(e.target.value),
          spellCheck: false,
        }),
      ),
      field(
        "X-Purpose",
        h(
          "select",
          { name: "purpose", value: purpose, onChange: (e) => setPurpose(e.target.value) },
          options(
            PURPOSES.map((p) => [p, p]),
            "role default",
          ),
        ),
      ),
      field(
        "Language",
        h("select", { name: "language", value: language, onChange: (e) => setLanguage(e.target.value) }, options(LANGUAGES, "token's")),
      ),
      h("output", { className: "emaktab-status", name: "status" }, status),
    ),
    h(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, isHeadersEditorEnabled: true, shouldPersistHeaders: false }),
  );
}

createRoot(document.getElementById("playground")).render(h(Playground));
