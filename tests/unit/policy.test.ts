import { describe, expect, it } from "vitest";
import type { Role } from "@/db/schema";
import { DomainError, isDomainError } from "@/lib/errors";
import { assertCan, can, type Permission, permissions } from "@/lib/policy";

const ROLES: Role[] = ["counsellor", "supervisor", "admin", "analyst"];

/** The expected table, written out literally: any change to lib/policy.ts must be mirrored here. */
const EXPECTED: Record<string, Record<Role, boolean>> = {
  "account.read-own": { counsellor: true, supervisor: true, admin: true, analyst: true },
  "account.change-own-password": { counsellor: true, supervisor: true, admin: true, analyst: true },
  "accounts.manage": { counsellor: false, supervisor: false, admin: true, analyst: false },
  "teams.manage": { counsellor: false, supervisor: false, admin: true, analyst: false },
  "cases.read": { counsellor: true, supervisor: true, admin: false, analyst: false },
  "cases.create": { counsellor: true, supervisor: true, admin: false, analyst: false },
  "cases.update": { counsellor: true, supervisor: true, admin: false, analyst: false },
  "cases.reveal-identity": { counsellor: true, supervisor: true, admin: false, analyst: false },
  "cases.assign": { counsellor: false, supervisor: true, admin: false, analyst: false },
  "notes.read": { counsellor: true, supervisor: true, admin: false, analyst: false },
  "notes.write": { counsellor: true, supervisor: false, admin: false, analyst: false },
  "notes.review": { counsellor: false, supervisor: true, admin: false, analyst: false },
  "outcomes.record": { counsellor: true, supervisor: false, admin: false, analyst: false },
  "reports.view": { counsellor: false, supervisor: true, admin: false, analyst: false },
  "statistics.export": { counsellor: false, supervisor: true, admin: true, analyst: true },
  "research.extract": { counsellor: false, supervisor: false, admin: true, analyst: false },
  "settings.manage": { counsellor: false, supervisor: false, admin: true, analyst: false },
  "audit.read": { counsellor: false, supervisor: false, admin: true, analyst: false },
  "cases.access-log": { counsellor: false, supervisor: true, admin: false, analyst: false },
  "factors.read": { counsellor: true, supervisor: true, admin: true, analyst: false },
  "factors.manage": { counsellor: false, supervisor: false, admin: true, analyst: false },
};

const CASES = Object.entries(EXPECTED).flatMap(([permission, byRole]) =>
  ROLES.map((role) => [permission, role, byRole[role]] as const),
);

describe("permissions table", () => {
  it("lists exactly the expected permissions", () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("grants each permission to exactly the expected roles", () => {
    for (const [permission, byRole] of Object.entries(EXPECTED)) {
      const allowed = ROLES.filter((role) => byRole[role]);
      expect([...permissions[permission as Permission]].sort(), permission).toEqual(allowed.sort());
    }
  });
});

describe("can", () => {
  it.each(CASES)("%s for %s is %s", (permission, role, expected) => {
    expect(can({ role }, permission as Permission)).toBe(expected);
  });

  it.each(Object.keys(EXPECTED))("denies %s without an actor (null or undefined)", (permission) => {
    expect(can(null, permission as Permission)).toBe(false);
    expect(can(undefined, permission as Permission)).toBe(false);
  });

  it("denies an unknown role", () => {
    expect(can({ role: "superuser" as Role }, "account.read-own")).toBe(false);
    expect(can({ role: "" as Role }, "accounts.manage")).toBe(false);
  });

  it.each(["cases.delete", "accounts.manage ", "ACCOUNTS.MANAGE", "", "constructor", "__proto__", "toString"])(
    "refuses the unknown permission %j for every role",
    (permission) => {
      for (const role of ROLES) {
        expect(can({ role }, permission as Permission), `${role} / ${permission}`).toBe(false);
      }
    },
  );
});

describe("assertCan", () => {
  it.each(CASES.filter(([, , expected]) => expected))("allows %s for %s without throwing", (permission, role) => {
    expect(() => assertCan({ role }, permission as Permission)).not.toThrow();
  });

  it.each(CASES.filter(([, , expected]) => !expected))(
    "throws a Forbidden DomainError for %s as %s",
    (permission, role) => {
      let thrown: unknown;
      try {
        assertCan({ role }, permission as Permission);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(isDomainError(thrown)).toBe(true);
      expect((thrown as DomainError).kind).toBe("Forbidden");
    },
  );

  it("throws a Forbidden DomainError for an unknown permission", () => {
    let thrown: unknown;
    try {
      assertCan({ role: "admin" }, "cases.delete" as Permission);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).kind).toBe("Forbidden");
  });
});
