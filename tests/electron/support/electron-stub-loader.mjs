// Loaded with `node --import` before the bundled main process (dist/electron/main.js): resolves
// 'electron' to the stand-in next to this file, so the real bundle runs under plain Node here,
// where the Electron binary cannot run.
import { registerHooks } from 'node:module';

const stub = new URL('./electron-stub.mjs', import.meta.url).href;
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: stub, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
