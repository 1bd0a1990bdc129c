// @ts-check
/**
 * Expressive Code settings for guide code blocks. guide-to-mdast.ts writes each block's role and
 * index into its meta string (`pg-role=command pg-block=3`); this plugin exposes them as data
 * attributes and takes the copy button off expected output, which is read, not run.
 */
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

/** @returns {import('@astrojs/starlight/expressive-code').ExpressiveCodePlugin} */
function polyguideBlocks() {
  return {
    name: 'polyguide-blocks',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const role = codeBlock.metaOptions.getString('pg-role');
        const block = codeBlock.metaOptions.getInteger('pg-block');
        const source = codeBlock.metaOptions.getString('pg-source');
        const figure = renderData.blockAst;
        figure.properties = figure.properties ?? {};
        if (role) figure.properties.dataPgRole = role;
        if (block !== undefined) figure.properties.dataPgBlock = String(block);
        if (source) figure.properties.dataPgSource = source;
        if (role === 'output') removeCopyButtons(figure);
      },
    },
  };
}

/** @param {import('hast').Element} element */
function removeCopyButtons(element) {
  element.children = element.children.filter((child) => {
    if (child.type !== 'element') return true;
    const className = child.properties?.className;
    const classes = Array.isArray(className) ? className.map(String) : String(className ?? '').split(/\s+/);
    if (classes.includes('copy')) return false;
    removeCopyButtons(child);
    return true;
  });
}

export default defineEcConfig({
  plugins: [polyguideBlocks()],
  frames: {
    // The copy button copies a command exactly as the guide (and the guard) has it.
    removeCommentsWhenCopyingTerminalFrames: false,
  },
});
