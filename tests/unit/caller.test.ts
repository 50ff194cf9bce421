import { describe, expect, it } from "vitest";
import { identify } from "../../shared/auth/caller.js";
import type { AccessClaims } from "../../shared/auth/claims.js";
import { generateSigningKeys } from "../../shared/auth/keys.js";
import { signAccessToken, type TokenSettings } from "../../shared/auth/tokens.js";
import { parseAcceptLanguage } from "../../shared/i18n/locale.js";

const claims: AccessClaims = {
  sub: "6f1c1f0e-8a57-4d53-9c7e-2f7f0e0b5a11",
  role: "DATA_PROTECTION_OFFICER",
  locale: "RU",
  org: {},
  classes: [],
  teaching: [],
  homeroom: [],
  children: [],
  childClasses: [],
  purposes: ["SELF_SERVICE", "LEGAL_REQUEST"],
};

async function settings(ttl = 900): Promise<TokenSettings> {
  return { keys: await generateSigningKeys(), issuer: "emaktab", audience: "emaktab-api", accessTtlSeconds: ttl };
}

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe("identify", () => {
  it("uses the role's default purpose and the token's locale when the request names none", async () => {
    const s = await settings();
    const { token } = await signAccessToken(s, claims);
    const id = await identify(headers({ authorization: `Bearer ${token}` }), s);
    expect(id.caller?.purpose).toBe("SELF_SERVICE");
    expect(id.locale).toBe("RU");
  });

  it("refuses a purpose the role may not declare, and LEGAL_REQUEST without a basis", async () => {
    const s = await settings();
    const { token } = await signAccessToken(s, claims);
    await expect(identify(headers({ authorization: `Bearer ${token}`, "x-purpose": "JOURNAL" }), s)).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN" },
    });
    await expect(identify(headers({ authorization: `Bearer ${token}`, "x-purpose": "LEGAL_REQUEST" }), s)).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN" },
    });
    const ok = await identify(
      headers({ authorization: `Bearer ${token}`, "x-purpose": "LEGAL_REQUEST", "x-legal-basis": "court order 7" }),
      s,
    );
    expect(ok.caller?.legalBasis).toBe("court order 7");
  });

  it("rejects a token signed by another key, and an expired one", async () => {
    const s = await settings();
    const other = await settings();
    const { token } = await signAccessToken(other, claims);
    await expect(identify(headers({ authorization: `Bearer ${token}` }), s)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
    const expired = await signAccessToken({ ...s, accessTtlSeconds: -120 }, claims);
    await expect(identify(headers({ authorization: `Bearer ${expired.token}` }), s)).rejects.toMatchObject({
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  it("treats a request without a token as anonymous", async () => {
    const id = await identify(headers({ "accept-language": "uz-Cyrl" }), await settings());
    expect(id.caller).toBeNull();
    expect(id.locale).toBe("UZ_CYRL");
  });
});

describe("Accept-Language", () => {
  it.each([
    ["uz-Cyrl", "UZ_CYRL"],
    ["ru-RU,ru;q=0.9", "RU"],
    ["de, en;q=0.5", "EN"],
    ["fr", undefined],
    ["uz-Latn;q=0.2, ru;q=0.8", "RU"],
  ])("%s → %s", (header, locale) => {
    expect(parseAcceptLanguage(header)).toBe(locale);
  });
});
