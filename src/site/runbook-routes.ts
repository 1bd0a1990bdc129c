/**
 * The runbook downloads of every guide page, as static files, one Astro endpoint per extension
 * (src/pages/[locale]/[...path].<ext>.ts):
 *
 *   /<locale>/<guide>/runbook.sh          the commands (and files) as one script: runbookScript
 *   /<locale>/<guide>/runbook.json        the runbook as data: buildRunbook, plus what the site changed
 *   /<locale>/<guide>/files/<name>        each file block's content, e.g. files/ingress.yaml
 *
 * Why static endpoints and not files written by scripts/build-site.ts: the runbook is made by the
 * guides loader from the very step model and verdicts the page is rendered from (runbook.ts), so
 * page and downloads cannot disagree; the endpoints take it from the docs collection, so the
 * files also exist in `astro dev` and a bare `astro build`, appear in Astro's build output, and
 * need no second pass over the content.
 *
 * Why one route per extension: a route whose file name ends in a literal extension is exempt from
 * `trailingSlash: 'always'`, so `/ru/aws_layer7/files/ingress.yaml` is served as is by the dev
 * server too (a catch-all `[...download].ts` only answers `…/ingress.yaml/` there).
 *
 * Each response is the text as is; nothing of it is put into HTML here, and untrusted names reach
 * URLs only through downloadPath (runbook.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { downloadFiles, runbookOfEntry, type DownloadExtension, type DownloadFile } from './runbook.ts';

type Entry = Parameters<typeof runbookOfEntry>[0];

async function allDownloads(entries: () => Promise<Entry[]>): Promise<DownloadFile[]> {
  const files: DownloadFile[] = [];
  for (const entry of await entries()) {
    const site = runbookOfEntry(entry);
    if (site) files.push(...downloadFiles(site));
  }
  return files;
}

/** `entries` is `() => getCollection('docs')` (passed in: `astro:content` exists only inside Astro). */
export function downloadRoute(extension: DownloadExtension, entries: () => Promise<Entry[]>): { getStaticPaths: GetStaticPaths; GET: APIRoute } {
  const suffix = `.${extension}`;
  return {
    getStaticPaths: async () => {
      // Listed anew for every route (no module cache: `astro dev` must see edited guides).
      const files = (await allDownloads(entries)).filter((file) => file.path.endsWith(suffix));
      return files.map((file) => {
        // `/ru/aws_layer7/files/ingress.yaml` → locale `ru`, path `aws_layer7/files/ingress`.
        const [, locale, ...rest] = file.path.slice(0, -suffix.length).split('/');
        return { params: { locale: locale!, path: rest.join('/') }, props: { body: file.body, type: file.type } };
      });
    },
    GET: ({ props }) => {
      const { body, type } = props as Pick<DownloadFile, 'body' | 'type'>;
      return new Response(body(), { headers: { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' } });
    },
  };
}
