import { describe, expect, it } from "vitest";
import { updateSettingsAction } from "@/app/(app)/admin/settings/actions";
import { serviceSettingsNow } from "@/lib/settings/service";
import { sql } from "./helpers/database";
import { createPeople, form, signInAs, signOut } from "./helpers/people";

// A reset empties the table (it references accounts); the migration's row is put back as it ships.
const shippedRow = () => sql("insert into service_settings (id) values (1) on conflict (id) do nothing");

describe("service settings", () => {
  it("an administrator changes the statistics threshold, k and supervisors' scope, version-checked and audited", async () => {
    await createPeople();
    await shippedRow();
    expect(await serviceSettingsNow()).toEqual({ statisticsThreshold: 10, supervisorsSeeService: false, researchK: 5, version: 1 });
    await signInAs("admin@test.example");
    const saved = await updateSettingsAction(null, form({ version: 1, statisticsThreshold: 15, researchK: 8, supervisorsSeeService: "on" }));
    expect(saved).toMatchObject({ ok: true, message: "Settings saved." });
    expect(await serviceSettingsNow()).toEqual({ statisticsThreshold: 15, supervisorsSeeService: true, researchK: 8, version: 2 });
    // A second form opened at version 1 is stale: nothing is overwritten.
    const stale = await updateSettingsAction(null, form({ version: 1, statisticsThreshold: 20, researchK: 8 }));
    expect(stale.ok).toBe(false);
    expect((await serviceSettingsNow()).statisticsThreshold).toBe(15);
    const [audit] = await sql<{ details: Record<string, unknown> }>("select details from audit_events where action = 'settings.update' and outcome = 'success'");
    expect(audit!.details).toEqual({ statisticsThreshold: 15, researchK: 8, supervisorsSeeService: true });
  });

  it("never goes below 5, in the form or in the database", async () => {
    await createPeople();
    await shippedRow();
    await signInAs("admin@test.example");
    const refused = await updateSettingsAction(null, form({ version: 1, statisticsThreshold: 4, researchK: 3 }));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { statisticsThreshold: ["Never below 5."], researchK: ["Never below 5."] } });
    await expect(sql("update service_settings set statistics_threshold = 4")).rejects.toThrow(/service_settings_threshold/);
    expect((await serviceSettingsNow()).statisticsThreshold).toBe(10);
  });

  it("is refused to every other role, and to anyone signed out", async () => {
    await createPeople();
    await shippedRow();
    for (const email of ["analyst@test.example", "supervisor.north@test.example", "counsellor.north@test.example"]) {
      await signInAs(email);
      const result = await updateSettingsAction(null, form({ version: 1, statisticsThreshold: 20, researchK: 5 }));
      expect(result, email).toMatchObject({ ok: false });
    }
    signOut();
    expect((await updateSettingsAction(null, form({ version: 1, statisticsThreshold: 20, researchK: 5 }))).ok).toBe(false);
    expect(await serviceSettingsNow()).toMatchObject({ statisticsThreshold: 10, version: 1 });
    const [denied] = await sql<{ n: number }>("select count(*)::int as n from audit_events where action = 'settings.update' and outcome = 'denied'");
    expect(denied!.n).toBe(4);
  });
});
