/** Bindings the handler uses when present; every one is optional. */
export interface WorkerEnv {
  /** A service serving the web form's static files (workerd `disk` service, Workers assets). */
  ASSETS?: { fetch(request: Request): Promise<Response> };
}

/**
 * Answers one request with the wandb-resume JSON API (`GET /api` lists the routes), or a
 * static file from `env.ASSETS` for paths the API does not know. Never rejects: every
 * outcome, including bad requests, is a JSON response with a stable `error.code`.
 */
export function handleRequest(request: Request, env?: WorkerEnv): Promise<Response>;

/** The standard module-worker shape: Cloudflare Workers, `deno serve`, Vercel Edge. */
declare const worker: {
  fetch(request: Request, env?: WorkerEnv, ctx?: unknown): Promise<Response>;
};
export default worker;
