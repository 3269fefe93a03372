import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { openDatabase } from "@/db/client";
import { installDatabase } from "@/lib/db";
import { testDatabase } from "./helpers/database";

describe("GET /api/health", () => {
  it("reports ok when the database answers", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 without details when the database is unreachable, and recovers", async () => {
    const healthy = testDatabase();
    const unreachable = await openDatabase({ url: "postgres://tsunagu@127.0.0.1:1/nowhere" });
    installDatabase(unreachable);
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", database: "unreachable" });
    } finally {
      await unreachable.close();
      installDatabase(healthy);
    }
    expect((await GET()).status).toBe(200);
  });
});
