/**
 * Accounts and passwords through the gateway (DESIGN.md §7): who may create whom, field checks (PINFL with
 * its check digit, +998 phones, birth dates), one account per PINFL, logins from the name made unique,
 * activation with a one-time code, password rules, change and reset; afterwards the old password, the old
 * refresh token and the old access token are all refused. Ends with a school set up from nothing through the
 * API: an official creates its first admin's account and the school, the admin activates and sets it up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SchoolClass } from "../../subgraphs/institutions/entities/index.js";
import { makePinfl } from "../../subgraphs/users/accounts/pinfl.js";
import { providerEnv, startFakeProvider, type FakeProvider } from "../fixtures/fake-provider.js";
import { codes, doc, gql, signIn } from "../support/client.js";
import { startTestSystem, type TestSystem } from "../support/system.js";
import { demoIds, type DemoIds } from "./demo-ids.js";

let system: TestSystem;
let ids: DemoIds;
let url: string;
let year: number;
let provider: FakeProvider;
const as = async (login: string) => ({ token: await signIn(url, login) });

beforeAll(async () => {
  provider = await startFakeProvider();
  system = await startTestSystem(providerEnv(provider) as Record<string, string>);
  ids = await demoIds(system);
  url = system.gatewayUrl;
  year = (await system.orms.institutions.em.fork().findOneOrFail(SchoolClass, { id: ids.classes["5-A"]! })).academicYear;
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await provider?.close();
});

async function settle(): Promise<void> {
  for (const relay of Object.values(system.relays)) await relay.drain();
}

const pupil = (serial: number, extra: Record<string, unknown> = {}) => ({
  role: "STUDENT",
  lastName: "Valiyev",
  firstName: "Ali",
  patronymic: "Karimovich",
  birthDate: "2015-03-14",
  gender: "M",
  pinfl: makePinfl("2015-03-14", "M", 26, serial),
  phone: "+998 90 123-45-67",
  ...extra,
});

const signInRaw = (login: string, password: string) => gql(url, doc("sign-in"), { login, password });

describe("creating accounts", () => {
  it("lets a school admin create students, parents and staff; officials only admins and colleagues", async () => {
    const principal = await as("demo-principal");
    const made = await gql(url, doc("create-person"), { input: pupil(1) }, principal);
    expect(made.errors).toBeUndefined();
    // The new person is not yet enrolled anywhere: their role is theirs to read, not the creator's (User.role is personal).
    expect(made.data.createPerson).toMatchObject({ created: true, login: "ali.valiyev", user: { id: expect.any(String) } });
    expect(made.data.createPerson.activationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    // Same name, another person: the login is numbered. Same PINFL: the same account, no new code.
    const twin = await gql(url, doc("create-person"), { input: pupil(2) }, principal);
    expect(twin.data.createPerson.login).toBe("ali.valiyev2");
    const again = await gql(url, doc("create-person"), { input: pupil(1) }, principal);
    expect(again.data.createPerson).toMatchObject({
      created: false,
      login: null,
      activationCode: null,
      user: { id: made.data.createPerson.user.id },
    });
    expect(codes(await gql(url, doc("create-person"), { input: pupil(1, { role: "PARENT" }) }, principal))).toEqual(["BAD_USER_INPUT"]);

    for (const login of ["demo-teacher", "demo-parent", "demo-student"]) {
      expect(codes(await gql(url, doc("create-person"), { input: pupil(3) }, await as(login))), login).toEqual(["FORBIDDEN"]);
    }
    const district = await as("demo-district");
    expect(codes(await gql(url, doc("create-person"), { input: pupil(3) }, district))).toEqual(["FORBIDDEN"]);
    const admin = await gql(
      url,
      doc("create-person"),
      { input: pupil(4, { role: "SCHOOL_ADMIN", birthDate: null, pinfl: null }) },
      district,
    );
    expect(admin.data.createPerson).toMatchObject({ created: true, user: { id: expect.any(String) } });
  });

  it("refuses a bad PINFL, phone, birth date, gender or a name not in Latin letters, naming the field", async () => {
    const principal = await as("demo-principal");
    const good = makePinfl("2015-03-14", "M", 26, 9);
    const wrongCheck = `${good.slice(0, 13)}${(Number(good[13]) + 1) % 10}`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ pinfl: wrongCheck }, "input.pinfl"],
      [{ pinfl: "1234" }, "input.pinfl"],
      [{ pinfl: makePinfl("2014-03-14", "M", 26, 9) }, "input.pinfl"],
      [{ phone: "+7 912 345 67 89" }, "input.phone"],
      [{ birthDate: "2999-01-01", pinfl: null }, "input.birthDate"],
      [{ gender: "X" }, "input.gender"],
      [{ firstName: "Али" }, "input.firstName"],
    ];
    for (const [change, field] of cases) {
      const answer = await gql(url, doc("create-person"), { input: pupil(9, change) }, principal);
      expect(codes(answer), field).toEqual(["BAD_USER_INPUT"]);
      expect(JSON.stringify(answer.errors), field).toContain(field);
    }
  });
});

describe("passwords", () => {
  it("activates with the one-time code once, under the password rules, then changes and resets it", async () => {
    const principal = await as("demo-principal");
    const made = (
      await gql(url, doc("create-person"), { input: { role: "TEACHER", lastName: "Rahimova", firstName: "Nodira" } }, principal)
    ).data.createPerson;
    const { login, activationCode } = made as { login: string; activationCode: string };
    expect(codes(await gql(url, doc("activate-account"), { login, code: "AAAA-BBBB-CCCC", newPassword: "Tog'dagi-lola-77" }))).toEqual([
      "UNAUTHENTICATED",
    ]);
    for (const weak of ["short7", "password123", login, "qwerty123"]) {
      expect(codes(await gql(url, doc("activate-account"), { login, code: activationCode, newPassword: weak })), weak).toEqual([
        "BAD_USER_INPUT",
      ]);
    }
    const first = await gql(url, doc("activate-account"), { login, code: activationCode, newPassword: "Tog'dagi-lola-77" });
    expect(first.errors).toBeUndefined();
    expect(first.data.activateAccount.user).toEqual({ id: made.user.id, role: "TEACHER" });
    expect(codes(await gql(url, doc("activate-account"), { login, code: activationCode, newPassword: "Boshqa-parol-88" }))).toEqual([
      "UNAUTHENTICATED",
    ]);

    // Change: the old password, refresh token and access token stop working.
    const session = (await signInRaw(login, "Tog'dagi-lola-77")).data.signIn;
    const token = { token: session.accessToken };
    expect(codes(await gql(url, doc("change-password"), { oldPassword: "wrong-one-1", newPassword: "Yangi-bahor-2026" }, token))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const changed = await gql(url, doc("change-password"), { oldPassword: "Tog'dagi-lola-77", newPassword: "Yangi-bahor-2026" }, token);
    expect(changed.data?.changePassword).toBe(true);
    await settle();
    expect(codes(await signInRaw(login, "Tog'dagi-lola-77"))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("refresh-session"), { refreshToken: session.refreshToken }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("my-login"), {}, token))).toEqual(["UNAUTHENTICATED"]);
    const after = (await signInRaw(login, "Yangi-bahor-2026")).data.signIn;

    // Reset by the school's administration: only for its own people, only by the administration.
    const staff = { schoolId: ids.schools["Chilonzor 1-maktab"], userId: made.user.id, position: "TEACHER", startsOn: `${year}-09-02` };
    expect((await gql(url, doc("add-staff-member"), { input: staff }, principal)).errors).toBeUndefined();
    await settle();
    expect(codes(await gql(url, doc("reset-password"), { userId: made.user.id }, await as("demo-teacher")))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(url, doc("reset-password"), { userId: ids.people["demo-teacher-other"].id }, principal))).toEqual(["FORBIDDEN"]);
    expect(codes(await gql(url, doc("reset-password"), { userId: made.user.id }, await as("demo-district")))).toEqual(["FORBIDDEN"]);
    const reset = await gql(url, doc("reset-password"), { userId: made.user.id }, principal);
    expect(reset.errors).toBeUndefined();
    await settle();
    expect(codes(await signInRaw(login, "Yangi-bahor-2026"))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("refresh-session"), { refreshToken: after.refreshToken }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("my-login"), {}, { token: after.accessToken }))).toEqual(["UNAUTHENTICATED"]);
    const back = await gql(url, doc("activate-account"), {
      login,
      code: reset.data.resetPassword.activationCode,
      newPassword: "Kuzgi-barg-3030",
    });
    expect(back.errors).toBeUndefined();
    expect((await signInRaw(login, "Kuzgi-barg-3030")).data.signIn.user.id).toBe(made.user.id);
  });
});

describe("a password reset by SMS", () => {
  /** The six-digit code of the last SMS the provider received for `phone`. */
  const lastCodeTo = (phone: string): string | undefined => {
    const sms = provider.received.filter((r) => r.channel === "sms" && r.body.to === phone).at(-1);
    return /(\d{6})/.exec(String(sms?.body.text ?? ""))?.[1];
  };

  it("texts a code only to a verified phone; the code sets a new password and ends the old sessions", async () => {
    const phone = "+998901112233";
    const made = (
      await gql(
        url,
        doc("create-person"),
        { input: { role: "PARENT", lastName: "Sobirova", firstName: "Dilbar", phone } },
        await as("demo-principal"),
      )
    ).data.createPerson;
    const session = (
      await gql(url, doc("activate-account"), { login: made.login, code: made.activationCode, newPassword: "Bog'dagi-olma-41" })
    ).data.activateAccount;

    // Not verified yet: the request answers true and nothing is sent.
    expect((await gql(url, doc("request-password-reset-code"), { login: made.login })).data.requestPasswordResetCode).toBe(true);
    await settle();
    expect(lastCodeTo(phone)).toBeUndefined();
    // An unknown login answers the same.
    expect((await gql(url, doc("request-password-reset-code"), { login: "no.such.person" })).data.requestPasswordResetCode).toBe(true);

    const me = { token: session.accessToken };
    expect((await gql(url, doc("request-phone-check"), {}, me)).data.requestPhoneCheck).toBe(true);
    await settle();
    const check = lastCodeTo(phone)!;
    expect(check).toMatch(/^\d{6}$/);
    // The phone check code does not set a password.
    expect(codes(await gql(url, doc("activate-account"), { login: made.login, code: check, newPassword: "Nok-daraxti-52" }))).toEqual([
      "UNAUTHENTICATED",
    ]);
    expect((await gql(url, doc("confirm-phone"), { code: check }, me)).data.confirmPhone).toBe(true);

    await gql(url, doc("request-password-reset-code"), { login: made.login });
    await settle();
    const reset = lastCodeTo(phone)!;
    expect(reset).not.toBe(check);
    const after = await gql(url, doc("activate-account"), { login: made.login, code: reset, newPassword: "Nok-daraxti-52" });
    expect(after.errors).toBeUndefined();
    await settle();
    expect(codes(await signInRaw(made.login, "Bog'dagi-olma-41"))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("refresh-session"), { refreshToken: session.refreshToken }))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await gql(url, doc("my-login"), {}, me))).toEqual(["UNAUTHENTICATED"]);
    expect((await signInRaw(made.login, "Nok-daraxti-52")).data.signIn.user.id).toBe(made.user.id);
  });
});

describe("a school from nothing, through the API", () => {
  it("an official opens a school for a new admin, who activates, creates a class, a teacher and a pupil, and assigns them", async () => {
    const district = await as("demo-district");
    const admin = (
      await gql(url, doc("create-person"), { input: { role: "SCHOOL_ADMIN", lastName: "Qodirov", firstName: "Botir" } }, district)
    ).data.createPerson;
    const districtId = (
      await gql(url, "query($id: ID!) { school(id: $id) { district { id } } }", { id: ids.schools["Chilonzor 1-maktab"] }, district)
    ).data.school.district.id;
    const school = (
      await gql(url, doc("create-school"), { input: { districtId, name: "Chilonzor 301-maktab", adminUserId: admin.user.id } }, district)
    ).data.createSchool;
    await settle();
    const session = await gql(url, doc("activate-account"), {
      login: admin.login,
      code: admin.activationCode,
      newPassword: "Maktab-ochildi-301",
    });
    const principal = { token: session.data.activateAccount.accessToken };

    const math = ids.subjects["Matematika"]!;
    expect((await gql(url, doc("choose-school-subjects"), { schoolId: school.id, subjectIds: [math] }, principal)).errors).toBeUndefined();
    const cls = (
      await gql(url, doc("create-class"), { input: { schoolId: school.id, academicYear: year, gradeLevel: 1, letter: "A" } }, principal)
    ).data.createClass;
    const teacher = (
      await gql(url, doc("create-person"), { input: { role: "TEACHER", lastName: "Usmonova", firstName: "Zuhra" } }, principal)
    ).data.createPerson;
    const child = (await gql(url, doc("create-person"), { input: pupil(40, { lastName: "Ergashev" }) }, principal)).data.createPerson;
    const startsOn = `${year}-09-02`;
    expect(
      (
        await gql(
          url,
          doc("add-staff-member"),
          { input: { schoolId: school.id, userId: teacher.user.id, position: "TEACHER", startsOn } },
          principal,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (await gql(url, doc("enrol-student"), { input: { classId: cls.id, studentId: child.user.id, startsOn } }, principal)).errors,
    ).toBeUndefined();
    expect(
      (
        await gql(
          url,
          doc("assign-teacher"),
          { input: { teacherId: teacher.user.id, classId: cls.id, subjectId: math, startsOn } },
          principal,
        )
      ).errors,
    ).toBeUndefined();
    expect(
      (await gql(url, doc("set-homeroom-teacher"), { classId: cls.id, teacherId: teacher.user.id }, principal)).errors,
    ).toBeUndefined();
    await settle();

    // The teacher's first sign-in carries the class; the class lists its pupil to the school's admin.
    const teacherSession = await gql(url, doc("activate-account"), {
      login: teacher.login,
      code: teacher.activationCode,
      newPassword: "Birinchi-sinf-1A",
    });
    expect(teacherSession.errors).toBeUndefined();
    const roster = await gql(
      url,
      doc("class-students"),
      { id: cls.id },
      { token: teacherSession.data.activateAccount.accessToken, purpose: "JOURNAL" },
    );
    expect(roster.errors).toBeUndefined();
    expect(roster.data.schoolClass.students).toEqual([{ fullName: "Ergashev Ali Karimovich" }]);
    const staff = await gql(url, doc("school-staff"), { id: school.id }, principal);
    expect(staff.data.school.staff.map((m: { position: string }) => m.position).sort()).toEqual(["SCHOOL_ADMIN", "TEACHER"]);
  });
});
