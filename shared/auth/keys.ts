/**
 * Token signing keys. Configured PEM wins; otherwise an ES256 pair is generated into
 * <dataDir>/keys on first start so that a fresh checkout works with no set-up.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from "jose";
import type { Config } from "../config.js";

export const TOKEN_ALG = "ES256";

export interface SigningKeys {
  privateKey?: CryptoKey;
  publicKey: CryptoKey;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Loads (or, in embedded mode, creates) the key pair. Verifiers may run with the public key alone. */
export async function loadSigningKeys(config: Config): Promise<SigningKeys> {
  let privatePem = config.jwt.privateKeyPem;
  let publicPem = config.jwt.publicKeyPem;
  if (!publicPem) {
    const dir = path.join(config.dataDir, "keys");
    privatePem ??= await readIfExists(path.join(dir, "access-token.key"));
    publicPem = await readIfExists(path.join(dir, "access-token.pub"));
    if (!privatePem || !publicPem) {
      if (config.mode === "production") throw new Error("Production mode needs JWT_PUBLIC_KEY (and JWT_PRIVATE_KEY for the users service)");
      const pair = await generateKeyPair(TOKEN_ALG, { extractable: true });
      privatePem = await exportPKCS8(pair.privateKey);
      publicPem = await exportSPKI(pair.publicKey);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(dir, "access-token.key"), privatePem, { mode: 0o600 });
      await writeFile(path.join(dir, "access-token.pub"), publicPem);
    }
  }
  return {
    publicKey: await importSPKI(publicPem, TOKEN_ALG),
    privateKey: privatePem ? await importPKCS8(privatePem, TOKEN_ALG) : undefined,
  };
}

/** A fresh in-memory pair, for tests. */
export async function generateSigningKeys(): Promise<SigningKeys> {
  const pair = await generateKeyPair(TOKEN_ALG, { extractable: true });
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}
