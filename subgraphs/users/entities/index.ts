import { CorrectionMessage } from "./correction-message.entity.js";
import { DataRequestStep } from "./data-request-step.entity.js";
import { DataRequest } from "./data-request.entity.js";
import { Consent } from "./consent.entity.js";
import { Guardianship } from "./guardianship.entity.js";
import { OneTimeCode } from "./one-time-code.entity.js";
import { PartnerClient } from "./partner-client.entity.js";
import { PasswordCredential } from "./password-credential.entity.js";
import { Placement } from "./placement.entity.js";
import { RefreshToken } from "./refresh-token.entity.js";
import { SignInThrottle } from "./sign-in-throttle.entity.js";
import { User } from "./user.entity.js";

export {
  Consent,
  CorrectionMessage,
  DataRequest,
  DataRequestStep,
  Guardianship,
  OneTimeCode,
  PartnerClient,
  PasswordCredential,
  Placement,
  RefreshToken,
  SignInThrottle,
  User,
};
export * from "./consent.entity.js";
export * from "./data-request.entity.js";
export * from "./data-request-step.entity.js";
export const usersEntities = [
  User,
  PasswordCredential,
  RefreshToken,
  Guardianship,
  SignInThrottle,
  Placement,
  Consent,
  DataRequest,
  DataRequestStep,
  CorrectionMessage,
  PartnerClient,
  OneTimeCode,
];
