/**
 * The playground in a real browser: headless Chromium from Debian's packages (/usr/bin/chromium, or
 * CHROMIUM_PATH) driven by playwright-core. demo-teacher's token is pasted into the page (and, in a second
 * run, obtained by signing in on the page), a query is run in GraphiQL and its result read off the page.
 * Leaves a screenshot and prints its path. Part of the services suite (`npm run test:pg`); it fails rather
 * than skips when Chromium is missing (.ci/run installs it).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOTS = path.resolve("test-results");

let system: TestSystem;
let browser: Browser;
let origin: string;
let teacherName: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  system = await startTestSystem();
  origin = new URL(system.gatewayUrl).origin;
  const token = await signIn(system.gatewayUrl, "demo-teacher");
  teacherName = (await gql(system.gatewayUrl, "{ me { fullName } }", {}, { token })).data.me.fullName;
  // Running as root (CI) needs --no-sandbox; nothing but the local gateway is opened.
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

interface Opened {
  page: Page;
  /** Requests the page made to anywhere but the gateway. */
  elsewhere: string[];
  /** Console errors and uncaught exceptions (a CSP violation shows up here). */
  problems: string[];
}

async function openPlayground(): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const elsewhere: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin && url.protocol !== "data:") elsewhere.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${origin}/playground`);
  // GraphiQL is up once its query editor exists and the schema (introspection) has loaded.
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ timeout: 60_000 });
  return { page, elsewhere, problems };
}

/** Types a query into GraphiQL's editor (CodeMirror's own API: typing would fight its auto-closing brackets) and runs it. */
async function runQuery(page: Page, query: string): Promise<string> {
  await page.evaluate((text) => {
    // Runs in the page (this project's TypeScript knows no DOM types).
    const { document } = globalThis as unknown as { document: { querySelector(selector: string): unknown } };
    const editor = document.querySelector(".graphiql-query-editor .CodeMirror") as { CodeMirror: { setValue(value: string): void } };
    editor.CodeMirror.setValue(text);
  }, query);
  await page.locator(".graphiql-execute-button").click();
  const response = page.locator(".graphiql-response .CodeMirror-code");
  await expect.poll(async () => response.innerText(), { timeout: 30_000 }).toMatch(/"data"|"errors"/);
  return response.innerText();
}

async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file });
  console.log(`playground screenshot: ${file}`);
  return file;
}

describe("the playground in Chromium", () => {
  it("demo-teacher's token pasted, X-Purpose set: a query runs and its result shows on the page", async () => {
    const { page, elsewhere, problems } = await openPlayground();
    const token = await signIn(system.gatewayUrl, "demo-teacher");
    await page.locator('input[name="token"]').fill(token);
    await page.locator('select[name="purpose"]').selectOption("JOURNAL");
    const shown = await runQuery(page, "{\n  me {\n    fullName\n    role\n    school {\n      name\n    }\n  }\n}\n");
    expect(shown).toContain(teacherName);
    expect(shown).toContain("TEACHER");
    expect(shown).toContain("Chilonzor 1-maktab");
    await screenshot(page, "playground.png");
    expect(elsewhere, "requests to anywhere but the gateway").toEqual([]);
    expect(problems, "console errors on the page").toEqual([]);
    await page.close();
  }, 120_000);

  it("signing in from the page fills the token; without one the same query is UNAUTHENTICATED", async () => {
    const { page, problems } = await openPlayground();
    const anonymous = await runQuery(page, "{ me { fullName } }");
    expect(anonymous).toContain("UNAUTHENTICATED");
    await page.locator('input[name="login"]').fill("demo-teacher");
    await page.locator('input[name="password"]').fill("demo-password");
    await page.locator('button[name="sign-in"]').click();
    await expect.poll(async () => page.locator('input[name="token"]').inputValue(), { timeout: 20_000 }).toMatch(/^ey/);
    const shown = await runQuery(page, "{ me { fullName } }");
    expect(shown).toContain(teacherName);
    await screenshot(page, "playground-signed-in.png");
    // The 401 of the anonymous attempt is logged by the browser as a failed resource load; nothing else.
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.close();
  }, 120_000);
});
