// Entry of the CLV fit thread (fit-thread.ts): a new thread does not inherit the tsx loader of the
// main one, so it registers it before loading the TypeScript that does the work.
import { register } from 'tsx/esm/api';

register();
await import('./fit-thread-body.ts');
