/**
 * This subgraph's own check of a token's revocation: a person's session in their refresh tokens, a
 * partner's client in partner_clients (one lookup either way, chosen by the token's role). The other
 * subgraphs learn of a revoked client from `users.session.revoked` (the client id is its tokens' `sid`)
 * and refuse its tokens from their replicas.
 */
import type { MikroORM } from "@mikro-orm/core";
import { PARTNER_ROLE } from "../../../shared/auth/partners.js";
import type { RevocationCheck } from "../../../shared/auth/revocations.js";
import { PartnerClient } from "../entities/index.js";
import { sessionRevocationCheck } from "../sign-in/sessions.js";

export function ownRevocationCheck(orm: MikroORM): RevocationCheck {
  const sessions = sessionRevocationCheck(orm);
  const partnerRevoked = async (clientId: string): Promise<boolean> =>
    (await orm.em.fork().count(PartnerClient, { id: clientId, revokedAt: { $ne: null } })) > 0;
  return (sid, role) => (role === PARTNER_ROLE ? partnerRevoked(sid) : sessions(sid, role));
}
