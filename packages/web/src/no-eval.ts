import { config } from 'zod';

/**
 * The app's Content-Security-Policy allows no eval. Zod compiles fast parsers with
 * `new Function` after probing whether it may, and a strict CSP reports even the
 * caught probe as a violation; jitless parsing is fast enough for forms. Imported
 * first by main.tsx, before any schema parses.
 */
config({ jitless: true });
