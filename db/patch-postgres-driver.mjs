// Runs after `npm install` / `npm ci` (package.json "postinstall"), before `next build` bundles the driver.
//
// postgres.js 3.4.9 batches small writes behind a setImmediate. When a connection's server backend
// dies while a transaction is open (the server restarts, an administrator terminates it, the
// network drops), postgres.js writes the ROLLBACK after the socket is gone, and the deferred write
// throws a TypeError outside any promise (porsager/postgres#1154, #1208). Plain Node (scripts,
// tests) exits on it; the Next server only logs it, but the ROLLBACK then never settles, so the
// save that was under way hangs for good and its pooled connection never writes again.
//
// This makes the deferred write settle the pending query with CONNECTION_CLOSED instead (the
// caller sees an ordinary, catchable "connection closed" error), and resets the write buffer and
// the cut-off query's leftover error when a socket closes, so the reconnected connection starts
// clean. tests/integration/interrupted-commands.pg.test.ts fails without it. Remove this
// script once a postgres release carries the fix.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "postgres");
const MARK = "/* tsunagu: closed-socket guard */";

const edits = [
  {
    from: "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    to:
      `  function nextWrite(fn) {\n    ${MARK}\n    if (!socket) {\n` +
      "      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n" +
      "      chunk = nextWriteTimer = null\n" +
      "      error(Errors.connection('CONNECTION_CLOSED', options))\n" +
      "      return false\n" +
      "    }\n" +
      "    const x = socket.write(chunk, fn)",
  },
  {
    from: "    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
    to: "    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    socket.removeListener('data', data)\n    socket.removeListener('connect', connected)\n    idleTimer.cancel()",
  },
  {
    // A query cut off by the server (FATAL, then the socket closes) left its error behind, and the
    // first query after the reconnect failed with it ("terminating connection due to administrator
    // command" on the first page load after the database came back).
    from: "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    to:
      "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n" +
      "    query = results = errorResponse = null\n",
  },
];

if (!fs.existsSync(root)) process.exit(0);
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
let problems = 0;
for (const variant of ["src", "cjs/src", "cf/src"]) {
  const file = path.join(root, variant, "connection.js");
  if (!fs.existsSync(file)) continue;
  let text = fs.readFileSync(file, "utf8");
  for (const { from, to } of edits) {
    if (text.includes(to)) continue;
    if (text.includes(from)) text = text.replace(from, to);
    else problems++;
  }
  fs.writeFileSync(file, text);
}
if (problems) {
  const message = `postgres ${version}: ${problems} expected line(s) not found; check whether this release still needs db/patch-postgres-driver.mjs.`;
  if (version === "3.4.9") {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
}
