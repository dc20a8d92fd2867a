/**
 * The zod every Lambda uses: `zod/mini` with English messages. The classic `zod` entry keeps
 * every locale and its method-chaining API in the bundle (about 450 KB minified, most of a
 * profile handler, measured by `npm run bench`); mini with one locale is about 25 KB for the
 * same schemas. CDK-side code (stage config) may use classic zod: it never ships in a bundle.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

export { z };
