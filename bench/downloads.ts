import { format, subMonths } from "date-fns";
import { lastYear, type People } from "./domain";
import { download, signIn } from "./http";
import type { Row } from "./results";
import { BENCH_PASSWORD, PAGE_LIMIT_PGLITE, type Driver, type Options } from "./scale";
import { startServer, type Target } from "./server";

/** The longest period the statistics screen and API accept (ten years): every case the generator refers. */
const everyCase = () => ({ from: format(subMonths(new Date(), 119), "yyyy-MM"), to: format(new Date(), "yyyy-MM") });

/**
 * The downloads on a server of their own: after the page loads the old one is still working off
 * requests the load tool gave up on, which would be timed (and its memory counted) as the
 * export's. Their peak RSS is that of a server doing nothing but the export. The statistics are
 * counts over the last year; the research extract is a row for every consented case of ten years,
 * the export whose size grows with the service.
 */
export async function exportDownloads(driver: Driver, database: Target, people: People, options: Options, rows: Row[]): Promise<number> {
  const pglite = driver === "pglite";
  const server = await startServer(options.port, database);
  try {
    const [analyst, admin] = await Promise.all([people.analyst, people.admin].map((a) => signIn(server.base, a.email, BENCH_PASSWORD)));
    let peak = 0;
    const { from, to } = lastYear();
    // One month first, so each route's code is loaded before the clock runs, as for the pages.
    await download(server, `/api/statistics?from=${to}&to=${to}&format=csv&scope=service`, analyst!);
    for (const kind of ["csv", "xlsx"] as const) {
      const got = await download(server, `/api/statistics?from=${from}&to=${to}&format=${kind}&scope=service`, analyst!);
      peak = Math.max(peak, got.rssMb);
      rows.push({
        driver: `${driver} (HTTP)`,
        what: `statistics download, whole service, ${kind}`,
        p50: got.seconds * 1000,
        detail: `HTTP ${got.status}, ${(got.bytes / 1024).toFixed(0)} KB, peak RSS ${got.rssMb.toFixed(0)} MB`,
        target: pglite ? `≤ ${PAGE_LIMIT_PGLITE} ms` : "≤ 2 s, RSS ≤ 300 MB",
        met: pglite ? got.seconds * 1000 <= PAGE_LIMIT_PGLITE : got.seconds <= 2 && got.rssMb <= 300,
      });
    }
    await download(server, `/api/statistics/research?from=${to}&to=${to}`, admin!);
    const whole = everyCase();
    const got = await download(server, `/api/statistics/research?from=${whole.from}&to=${whole.to}`, admin!);
    peak = Math.max(peak, got.rssMb);
    rows.push({
      driver: `${driver} (HTTP)`,
      what: `research extract download, every case (${whole.from} to ${whole.to}), csv`,
      p50: got.seconds * 1000,
      detail: `HTTP ${got.status}, ${(got.bytes / 1024).toFixed(0)} KB, ${got.headers.get("x-tsunagu-extract") ?? "no summary"}, peak RSS ${got.rssMb.toFixed(0)} MB`,
    });
    return peak;
  } finally {
    await server.stop();
  }
}
