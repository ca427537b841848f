/**
 * Zod compiles object parsers with `new Function` unless told not to; the CSP (script-src 'self',
 * no 'unsafe-eval') refuses that and reports a violation. Imported first by main.tsx, before any
 * schema is built.
 */
import { config } from 'zod';

config({ jitless: true });
