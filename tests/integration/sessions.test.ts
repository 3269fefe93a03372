import { describe, expect, it } from "vitest";
import { currentActor } from "@/lib/actor";
import { endSession, resolveSession } from "@/lib/auth/sessions";
import { authOptions } from "@/lib/auth/options";
import { sql } from "./helpers/database";
import { createPeople, signInAs } from "./helpers/people";

describe("sessions are checked against the database on every request", () => {
  it("a live session resolves to its account and restarts the idle clock", async () => {
    const { supervisorNorth } = await createPeople();
    const actor = await signInAs(supervisorNorth.email);
    await sql("update sessions set last_seen_at = now() - interval '20 minutes'");
    expect(await currentActor()).toMatchObject({ id: supervisorNorth.id, role: "supervisor" });
    const [row] = await sql<{ idle: boolean }>("select last_seen_at > now() - interval '1 minute' as idle from sessions where id = $1", [actor.sessionId]);
    expect(row!.idle).toBe(true);
  });

  it("brings the team's name for the frame of every page, and none for an account without a team", async () => {
    const { supervisorNorth, admin } = await createPeople();
    await signInAs(supervisorNorth.email);
    expect(await currentActor()).toMatchObject({ id: supervisorNorth.id, teamName: "North" });
    await sql("update teams set name = 'North East' where id = $1", [supervisorNorth.teamId]);
    expect(await resolveSession((await currentActor())!.sessionId)).toMatchObject({ teamName: "North East" });
    await signInAs(admin.email);
    expect(await currentActor()).toMatchObject({ id: admin.id, teamId: null, teamName: null });
  });

  it("a session used within the last minute is only read: its idle clock is not rewritten", async () => {
    const { counsellorNorth } = await createPeople();
    const actor = await signInAs(counsellorNorth.email);
    await sql("update sessions set last_seen_at = now() - interval '30 seconds'");
    const [before] = await sql<{ at: string }>("select last_seen_at::text as at from sessions where id = $1", [actor.sessionId]);
    expect(await currentActor()).toMatchObject({ id: counsellorNorth.id });
    const [after] = await sql<{ at: string }>("select last_seen_at::text as at from sessions where id = $1", [actor.sessionId]);
    expect(after!.at).toBe(before!.at);
  });

  it("refuses a session idle for more than 30 minutes", async () => {
    const { counsellorNorth } = await createPeople();
    await signInAs(counsellorNorth.email);
    await sql("update sessions set last_seen_at = now() - interval '31 minutes'");
    expect(await currentActor()).toBeNull();
  });

  it("refuses a session older than 12 hours even if it was used a moment ago", async () => {
    const { counsellorNorth } = await createPeople();
    await signInAs(counsellorNorth.email);
    await sql("update sessions set created_at = now() - interval '12 hours 1 minute', last_seen_at = now()");
    expect(await currentActor()).toBeNull();
  });

  it("ends the session of an account deactivated after sign-in, at its next request", async () => {
    const { counsellorNorth } = await createPeople();
    await signInAs(counsellorNorth.email);
    expect(await currentActor()).not.toBeNull();
    await sql("update accounts set status = 'deactivated' where id = $1", [counsellorNorth.id]);
    expect(await currentActor()).toBeNull();
  });

  it("sign-out revokes the session server-side, so the old cookie is worthless", async () => {
    const { counsellorNorth } = await createPeople();
    const actor = await signInAs(counsellorNorth.email);
    await authOptions().events!.signOut!({ token: { sid: actor.sessionId }, session: undefined as never });
    expect(await resolveSession(actor.sessionId)).toBeNull();
    expect(await currentActor()).toBeNull();
  });

  it("ignores a forged, foreign or garbled cookie", async () => {
    const { counsellorNorth } = await createPeople();
    const actor = await signInAs(counsellorNorth.email);
    const { requestState } = await import("./helpers/request");
    const good = requestState.cookies.get("next-auth.session-token")!;
    for (const bad of ["", "garbage", good.slice(0, -4) + "AAAA", good.split(".").reverse().join(".")]) {
      requestState.cookies.set("next-auth.session-token", bad);
      expect(await currentActor()).toBeNull();
    }
    expect(await resolveSession("not-a-uuid")).toBeNull();
    await endSession(actor.sessionId);
    expect(await resolveSession(actor.sessionId)).toBeNull();
  });
});
