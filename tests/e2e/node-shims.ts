/**
 * Lets the Playwright runner (plain Node, CommonJS) load `db/seed.ts`, so the suite takes the demo
 * accounts from the same constants the seeder writes instead of a copy that could drift.
 *
 * Two things stand in the way, both harmless in the app's own runtimes:
 *  - `db/seed.ts` imports `lib/auth/hashing.ts`, which imports `server-only`. Outside the
 *    `react-server` export condition that package throws on purpose. Here the test runner *is* a
 *    server-side process (vitest aliases it to an empty module for the same reason), so it gets an
 *    empty module too.
 *  - `db/seed.ts` checks `import.meta.url` to see whether it is the entry script. Playwright compiles
 *    TypeScript to CommonJS but leaves `import.meta` in place, and Node (>= 20.19) then re-reads the
 *    file as an ES module, where the compiled `exports` does not exist. For that one file the
 *    expression is replaced with its CommonJS equivalent before Node compiles it.
 *
 * Must be imported before anything that loads `db/seed.ts` (fixtures.ts imports it first).
 */
import Module from "node:module";
import path from "node:path";

type CompileFn = (this: Module, content: string, filename: string, ...rest: unknown[]) => unknown;

const serverOnly = require.resolve("server-only");
if (!require.cache[serverOnly]) {
  const stub = new Module(serverOnly);
  stub.filename = serverOnly;
  stub.loaded = true;
  stub.exports = {};
  require.cache[serverOnly] = stub;
}

const seedFile = path.resolve(__dirname, "../../db/seed.ts");
const proto = Module.prototype as unknown as { _compile: CompileFn & { __tsunaguSeedShim?: true } };
if (!proto._compile.__tsunaguSeedShim) {
  const original = proto._compile;
  const patched: CompileFn & { __tsunaguSeedShim?: true } = function (this: Module, content, filename, ...rest) {
    const source =
      filename === seedFile
        ? content.replace(/\bimport\.meta\.url\b/g, 'require("node:url").pathToFileURL(__filename).href')
        : content;
    return original.call(this, source, filename, ...rest);
  };
  patched.__tsunaguSeedShim = true;
  proto._compile = patched;
}
