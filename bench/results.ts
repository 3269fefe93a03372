import fs from "node:fs";
import os from "node:os";

/** One line of the results table. Times in milliseconds; a blank cell is "not measured". */
export type Row = {
  driver: string;
  what: string;
  p50?: number;
  p95?: number;
  p99?: number;
  /** Throughput, floor ratio, memory: whatever else this line measured. */
  detail: string;
  target?: string;
  met?: boolean;
};

export type Machine = { cores: number; cpu: string; ramGb: number; node: string; postgres: string; date: string; loadBefore: string; loadAfter?: string };

export const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

export function machine(postgres: string): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? "unknown",
    ramGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadBefore: loadAverage(),
  };
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "" : value < 10 ? value.toFixed(1) : value.toFixed(0));

export function markdown(m: Machine, scales: string[], rows: Row[]): string {
  const lines = [
    `Measured ${m.date} on ${m.cores} cores (${m.cpu}), ${m.ramGb} GB RAM, Node ${m.node}, ${m.postgres}.`,
    `Load average (1, 5, 15 min) before: ${m.loadBefore}; after: ${m.loadAfter ?? "–"}.`,
    ...scales.map((s) => `- ${s}`),
    "",
    "| driver | measurement | p50 ms | p95 ms | p99 ms | detail | target | met |",
    "|---|---|--:|--:|--:|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.driver} | ${r.what} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.detail} | ${r.target ?? ""} | ${r.met === undefined ? "" : r.met ? "yes" : "**no**"} |`,
    ),
  ];
  return lines.join("\n");
}

const START = "<!-- bench:results -->";
const END = "<!-- /bench:results -->";

/** Replaces the results section of the document, keeping the hand-written text around it. */
export function writeResults(file: string, table: string) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : `# Performance\n\n${START}\n${END}\n`;
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${file} has no ${START} … ${END} section to replace`);
  fs.writeFileSync(file, `${current.slice(0, from + START.length)}\n${table}\n${current.slice(to)}`);
}
