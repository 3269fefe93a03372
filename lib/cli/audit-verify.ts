/** `npm run audit:verify`: walks the audit hash chain and reports the first broken link. */
import { openDatabase } from "../../db/client";
import { verifyAuditChain } from "../audit";
import { databaseConfig } from "../env";

async function main() {
  const handle = await openDatabase(databaseConfig());
  try {
    const report = await verifyAuditChain(handle.db);
    if (report.broken) {
      console.error(
        `Audit chain BROKEN at event ${report.broken.id} (${report.broken.reason}); ${report.checked} events before it verified.`,
      );
      process.exitCode = 1;
    } else {
      console.log(`Audit chain intact: ${report.checked} events verified.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
