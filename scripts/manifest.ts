/**
 * npm run manifest -- <folder or .graphql file>… [--out manifest.json]
 * Builds a trusted-documents manifest (Apollo's persisted-query manifest format) from GraphQL documents:
 * one entry per named operation, its body the operation and the fragments it uses, printed canonically,
 * its id the sha256 of that body. The gateway with TRUSTED_DOCUMENTS=<the manifest> runs only these.
 */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildOperationManifest } from "../gateway/limits/manifest-builder.js";

async function graphqlFiles(target: string): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".graphql"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? args[outAt + 1] : undefined;
const targets = outAt >= 0 ? [...args.slice(0, outAt), ...args.slice(outAt + 2)] : args;
if (targets.length === 0 || (outAt >= 0 && !out)) {
  console.error("usage: npm run manifest -- <folder or .graphql file>… [--out manifest.json]");
  process.exit(2);
}

const sources: Array<{ name: string; text: string }> = [];
for (const target of targets) {
  for (const file of await graphqlFiles(target)) sources.push({ name: file, text: await readFile(file, "utf8") });
}
const manifest = buildOperationManifest(sources);
const json = `${JSON.stringify(manifest, null, 2)}\n`;
if (out) {
  await writeFile(out, json);
  console.error(`${manifest.operations.length} operations from ${sources.length} files written to ${out}`);
} else {
  process.stdout.write(json);
}
