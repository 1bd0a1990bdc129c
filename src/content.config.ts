/**
 * Content collections of the docs site. Guides are not Markdown files under src/content/docs: the
 * polyguide loaders read content/<locale>/*.md (or POLYGUIDE_CONTENT) through the core parser and
 * the guard; see src/site/loader.ts.
 */
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { fileURLToPath } from 'node:url';
import { siteSettings } from './site/config.ts';
import { guidesLoader, statusLoader, uiStringsLoader } from './site/loader.ts';

const settings = siteSettings(fileURLToPath(new URL('..', import.meta.url)));

const diagnostic = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(['error', 'warning', 'info']),
  rule: z.string(),
  message: z.string(),
  locale: z.string(),
  reference: z.object({ file: z.string(), line: z.number(), locale: z.string() }).optional(),
});

const cell = z.object({
  present: z.boolean(),
  file: z.string().nullable(),
  slug: z.string().nullable(),
  title: z.string().nullable(),
  errors: z.number(),
  warnings: z.number(),
  blocks: z.number(),
});

export const collections = {
  docs: defineCollection({
    loader: guidesLoader(settings),
    schema: docsSchema({
      extend: z.object({
        polyguide: z
          .object({
            guide: z.string(),
            locale: z.string(),
            source: z.string(),
            steps: z.number(),
            blocks: z.number(),
            replaced: z.array(z.number()),
            withheld: z.array(z.number()),
          })
          .optional(),
      }),
    }),
  }),
  i18n: defineCollection({
    loader: uiStringsLoader(settings),
    schema: i18nSchema({ extend: z.object({ 'polyguide.status': z.string(), 'polyguide.guides': z.string(), 'polyguide.output': z.string() }).partial() }),
  }),
  polyguideStatus: defineCollection({
    loader: statusLoader(settings),
    schema: z.object({
      guide: z.string(),
      title: z.string(),
      cells: z.record(z.string(), cell),
      diagnostics: z.array(diagnostic),
      summary: z
        .object({ files: z.number(), guides: z.number(), errors: z.number(), warnings: z.number(), locales: z.array(z.string()), defaultLocale: z.string() })
        .optional(),
    }),
  }),
};
