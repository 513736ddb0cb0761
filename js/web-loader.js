// The loading and init guard of the no-bundler entries (js/web.js, js/tools/web.js): nothing
// is fetched until init() is called, and calling a function before init() throws a clear
// error instead of a TypeError from deep inside the glue.

/**
 * `init` (idempotent; `source` may be a URL, a Response, bytes or a WebAssembly.Module, by
 * default `defaultSource`) and `whenReady(name, fn)`, which puts `fn` behind the init check.
 * @param {(options: { module_or_path: unknown }) => Promise<unknown>} initGlue
 * @param {URL} defaultSource
 */
export function webLoader(initGlue, defaultSource) {
  let ready = null;
  let done = false;

  function init(source) {
    ready ??= initGlue({ module_or_path: source ?? defaultSource }).then(() => {
      done = true;
    });
    return ready;
  }

  function whenReady(name, fn) {
    return (...args) => {
      if (!done) {
        const error = new Error(`wandb-resume: call \`await init()\` before ${name}()`);
        error.code = "not-initialized";
        throw error;
      }
      return fn(...args);
    };
  }

  return { init, whenReady };
}
