/** The demo accounts of RUNTIME.md, in the order the table lists them. */
export const DEMO_LOGINS = [
  "demo-ministry",
  "demo-region",
  "demo-district",
  "demo-district-other",
  "demo-principal",
  "demo-teacher",
  "demo-teacher-2",
  "demo-teacher-other",
  "demo-student",
  "demo-student-2",
  "demo-parent",
  "demo-parent-other",
  "demo-dpo",
] as const;
export type DemoLogin = (typeof DEMO_LOGINS)[number];
