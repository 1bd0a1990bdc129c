// @ts-check
/**
 * The Polyguide docs site: Astro + Starlight, built from content/<locale>/*.md (or
 * POLYGUIDE_CONTENT) by the loaders in src/site/loader.ts. Run it with `npm run build`
 * (scripts/build-site.ts), which runs the guard first; see src/site/config.ts for the settings.
 */
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import { LOCALE_INFO, siteSettings } from './src/site/config.ts';
import { stringsFor } from './src/site/i18n.ts';
import { exactCopyIntegration } from './src/site/render/rehype-exact-copy.ts';
import { remarkPolyguide } from './src/site/render/remark-polyguide.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const settings = siteSettings(root);

export default defineConfig({
  site: settings.site,
  trailingSlash: 'always',
  // No root locale: `/` leads to the default locale.
  redirects: { '/': `/${settings.defaultLocale}/` },
  // Astro's default Markdown engine runs no remark plugins; the unified one runs ours and Starlight's.
  markdown: { processor: unified({ remarkPlugins: [remarkPolyguide] }) },
  integrations: [
    starlight({
      title: 'Polyguide',
      description: stringsFor(settings.defaultLocale).tagline,
      defaultLocale: settings.defaultLocale,
      locales: Object.fromEntries(settings.locales.map((locale) => [locale, { label: LOCALE_INFO[locale].label, lang: LOCALE_INFO[locale].lang }])),
      favicon: '/favicon.svg',
      customCss: ['./src/site/styles/polyguide.css'],
      routeMiddleware: './src/site/route-data.ts',
      lastUpdated: false,
      pagination: true,
    }),
    // After Expressive Code's rehype plugin: runbook scripts' copy buttons copy them exactly.
    exactCopyIntegration(),
  ],
});
