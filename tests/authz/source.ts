import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { HTTP_METHODS } from "./matrix";

/**
 * The entry points of the app as the source tree declares them, found by parsing the files with
 * the TypeScript compiler (not by importing them), so nothing the build would expose is missed:
 *  - every export of every module whose first statement is the "use server" directive;
 *  - every exported HTTP method of every route handler (app/**\/route.ts);
 *  - every page (app/**\/page.tsx).
 * Paths are relative to the project root, with forward slashes.
 */

export const projectRoot = path.resolve(import.meta.dirname, "../..");

const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", ".git", "test-results", "playwright-report", "tests"]);

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...walk(path.join(dir, entry.name)));
    } else if (SOURCE.test(entry.name)) out.push(path.join(dir, entry.name));
  }
  return out;
}

const relative = (file: string) => path.relative(projectRoot, file).split(path.sep).join("/");

const isDirective = (statement: ts.Statement, text: string) =>
  ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === text;

/** The directive prologue: the string-literal statements a module or function body starts with. */
function prologue(statements: ts.NodeArray<ts.Statement>): ts.Statement[] {
  const out: ts.Statement[] = [];
  for (const statement of statements) {
    if (ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression)) out.push(statement);
    else break;
  }
  return out;
}

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);

/** The names a module exports at run time (type-only exports left out); "default" for a default export. */
export function runtimeExports(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
        else throw new Error(`${source.fileName}: destructured export; list its names in the matrix by hand`);
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && exported) {
      names.push(isDefault ? "default" : statement.name!.text);
    } else if (ts.isExportAssignment(statement)) {
      names.push("default");
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      if (!statement.exportClause) throw new Error(`${source.fileName}: "export *" hides what is exported; export names one by one`);
      if (ts.isNamespaceExport(statement.exportClause)) names.push(statement.exportClause.name.text);
      else for (const element of statement.exportClause.elements) if (!element.isTypeOnly) names.push(element.name.text);
    } else if (ts.isEnumDeclaration(statement) && exported) {
      names.push(statement.name.text);
    }
  }
  return names;
}

export type SourceTree = {
  /** file → export names, for every "use server" module. */
  serverActions: Record<string, string[]>;
  /** file → exported HTTP methods, for every route handler. */
  routeHandlers: Record<string, string[]>;
  /** every page file. */
  pages: string[];
  /** "use server" directives inside function bodies: inline actions the matrix cannot name. */
  inlineServerActions: string[];
};

/** What one file contributes to the tree. Exported so the scanner itself can be tested on sample text. */
export function scanModule(name: string, text: string): {
  serverActions?: string[];
  routeMethods?: string[];
  page: boolean;
  inlineServerActions: string[];
} {
  const base = name.split("/").pop()!;
  const page = name.startsWith("app/") && /^page\.(tsx|ts|jsx|js)$/.test(base);
  const isRoute = name.startsWith("app/") && /^route\.(ts|js)$/.test(base);
  const mentionsUseServer = /["']use server["']/.test(text);
  const result: ReturnType<typeof scanModule> = { page, inlineServerActions: [] };
  if (!mentionsUseServer && !isRoute) return result;
  const kind = /x$/.test(name) ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, kind);
  if (prologue(source.statements).some((s) => isDirective(s, "use server"))) result.serverActions = runtimeExports(source);
  if (mentionsUseServer) {
    const visit = (node: ts.Node) => {
      const body = ts.isFunctionLike(node) ? (node as { body?: ts.Node }).body : undefined;
      if (body && ts.isBlock(body) && prologue(body.statements).some((s) => isDirective(s, "use server"))) {
        result.inlineServerActions.push(`${name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  if (isRoute) result.routeMethods = runtimeExports(source).filter((n) => (HTTP_METHODS as readonly string[]).includes(n));
  return result;
}

export function scanSourceTree(): SourceTree {
  const tree: SourceTree = { serverActions: {}, routeHandlers: {}, pages: [], inlineServerActions: [] };
  // Actions may live anywhere a page can import from; routes and pages only under app/.
  const files = ["app", "lib", "components", "db"].flatMap((dir) =>
    fs.existsSync(path.join(projectRoot, dir)) ? walk(path.join(projectRoot, dir)) : [],
  );
  for (const file of files) {
    const name = relative(file);
    const found = scanModule(name, fs.readFileSync(file, "utf8"));
    if (found.page) tree.pages.push(name);
    if (found.serverActions) tree.serverActions[name] = found.serverActions;
    if (found.routeMethods) tree.routeHandlers[name] = found.routeMethods;
    tree.inlineServerActions.push(...found.inlineServerActions);
  }
  return tree;
}
