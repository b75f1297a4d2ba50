import { z } from 'zod';

// The page's Content Security Policy forbids eval: zod must not probe for it (new Function) or
// compile parsers with it. Imported first by main.tsx.
z.config({ jitless: true });
