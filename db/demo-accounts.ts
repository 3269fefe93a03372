/** Printed in the README; only ever loaded into a demo database. */
export const DEMO_PASSWORD = "calm-harbour-lantern-47";

export const DEMO_TEAMS = ["North", "South"] as const;

export const DEMO_ACCOUNTS = [
  { email: "admin@tsunagu.example", name: "Aiko Admin", role: "admin", team: null },
  { email: "analyst@tsunagu.example", name: "Ren Analyst", role: "analyst", team: null },
  { email: "supervisor.north@tsunagu.example", name: "Haruka Sato", role: "supervisor", team: "North" },
  { email: "supervisor.south@tsunagu.example", name: "Daniel Okafor", role: "supervisor", team: "South" },
  { email: "counsellor.north@tsunagu.example", name: "Yui Tanaka", role: "counsellor", team: "North" },
  { email: "counsellor.north2@tsunagu.example", name: "Maya Lindqvist", role: "counsellor", team: "North" },
  { email: "counsellor.south@tsunagu.example", name: "Kenji Mori", role: "counsellor", team: "South" },
] as const;
