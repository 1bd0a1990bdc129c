/** Runbook downloads ending in .yaml; see src/site/runbook-routes.ts. */
import { getCollection } from 'astro:content';
import { downloadRoute } from '../../site/runbook-routes.ts';

const route = downloadRoute('yaml', () => getCollection('docs'));
export const getStaticPaths = route.getStaticPaths;
export const GET = route.GET;
