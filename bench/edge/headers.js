// The headers /api/decide answers with, for the edge benchmark's baseline workers (empty.js,
// floor.js), so the three workers differ only in how they compute the body.
export const headers = {
  "content-type": "application/json; charset=utf-8",
  "access-control-allow-origin": "*",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};
