import { Consent } from "./consent.entity.js";
import { Guardianship } from "./guardianship.entity.js";
import { PasswordCredential } from "./password-credential.entity.js";
import { Placement } from "./placement.entity.js";
import { RefreshToken } from "./refresh-token.entity.js";
import { SignInThrottle } from "./sign-in-throttle.entity.js";
import { User } from "./user.entity.js";

export { Consent, Guardianship, PasswordCredential, Placement, RefreshToken, SignInThrottle, User };
export const usersEntities = [User, PasswordCredential, RefreshToken, Guardianship, SignInThrottle, Placement, Consent];
export * from "./consent.entity.js";
