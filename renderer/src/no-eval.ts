import { z } from 'zod';

// The page's CSP forbids eval. zod probes `new Function` when a schema is built (the
// contract's schemas are built at import), and a strict CSP reports even a caught probe
// as a violation. This module is imported first by main.tsx so it runs before them.
z.config({ jitless: true });
