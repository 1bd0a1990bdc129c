/**
 * hast-util-to-mdast's `table` handler (10.1.3), ported for one reason: its look at a table's
 * cells (`inspect`) walks the whole table with unist-util-visit, which makes new closures on every
 * call, so V8 compiles that walk again for nearly every table of a page (70 times on the corpus).
 * This port walks with a plain loop and is otherwise the library's code, but for one guard: spans
 * are capped (MAX_ADDED_CELLS), where the library ran out of memory on `colspan="100000000"`. The
 * corpus suite compares it with the library on every page (milvus-html.ts, `libraryWhitespace`).
 */
import type { Element, ElementContent, Root } from 'hast';
import type { AlignType, RowContent, Table, TableContent, TableRow, Text } from 'mdast';
import type { State } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';

/** The HTML standard's caps on `colspan` and `rowspan` (its table model). */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
/**
 * Empty cells the spans of one table may add in all. A real table adds a few; `colspan="100000000"`
 * made the library's code (which adds them one by one) run out of memory. Spans past the budget
 * are left out: their cells keep their content, only the padding beside them is missing.
 */
const MAX_ADDED_CELLS = 100_000;

export function handleTable(state: State, node: Element): Table | Text {
  // Nested tables become their text.
  if (state.inTable) {
    const result: Text = { type: 'text', value: toText(node) };
    state.patch(node, result);
    return result;
  }
  state.inTable = true;
  const { align, headless } = inspect(node);
  const rows = state.toSpecificContent(state.all(node), createRow);
  // An empty header row for a table without one.
  if (headless) rows.unshift(createRow());

  for (const row of rows) row.children = state.toSpecificContent(row.children, createCell);

  const columns = spreadCells(rows as TableRow[]);
  for (let alignIndex = align.length; alignIndex < columns; alignIndex++) align.push(null);

  state.inTable = false;
  const result: Table = { type: 'table', align, children: rows };
  state.patch(node, result);
  return result;
}

/**
 * The cells of the rows as a grid: a cell's spans (`hastUtilToMdastTemporaryRowSpan` and
 * `…ColSpan` in its data, as the `td` handler leaves them) become empty cells beside and below
 * it, then short rows get empty cells up to the widest. Returns the number of columns. Shared
 * with the direct reader, which makes its cells as the handler does.
 */
export function spreadCells(rows: TableRow[]): number {
  let columns = 1;
  let addedCells = 0;
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const cells = rows[rowIndex]!.children;
    for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
      const cell = cells[cellIndex]!;
      if (!cell.data) continue;
      const fields = cell.data as Record<string, unknown>;
      // Spans are capped as the HTML standard's table model caps them, and in all (see MAX_ADDED_CELLS).
      const colSpan = Math.min(Number.parseInt(String(fields.hastUtilToMdastTemporaryColSpan), 10) || 1, MAX_COLSPAN);
      const rowSpan = Math.min(Number.parseInt(String(fields.hastUtilToMdastTemporaryRowSpan), 10) || 1, MAX_ROWSPAN);
      if ((colSpan > 1 || rowSpan > 1) && addedCells + (colSpan * Math.min(rowSpan, rows.length - rowIndex) - 1) <= MAX_ADDED_CELLS) {
        addedCells += colSpan * Math.min(rowSpan, rows.length - rowIndex) - 1;
        // Rows that do not exist are not added (browsers do not render them either).
        const rowEnd = Math.min(rowIndex + rowSpan, rows.length);
        for (let otherRowIndex = rowIndex; otherRowIndex < rowEnd; otherRowIndex++) {
          for (let colIndex = cellIndex; colIndex < cellIndex + colSpan; colIndex++) {
            const newCells: RowContent[] = [];
            if (otherRowIndex !== rowIndex || colIndex !== cellIndex) newCells.push({ type: 'tableCell', children: [] });
            rows[otherRowIndex]!.children.splice(colIndex, 0, ...newCells);
          }
        }
      }
      if ('hastUtilToMdastTemporaryColSpan' in cell.data) delete fields.hastUtilToMdastTemporaryColSpan;
      if ('hastUtilToMdastTemporaryRowSpan' in cell.data) delete fields.hastUtilToMdastTemporaryRowSpan;
      if (Object.keys(cell.data).length === 0) delete cell.data;
    }
    if (cells.length > columns) columns = cells.length;
  }

  // Short rows get empty cells, within the same budget: 60,000 rows padded to the 1,000 columns of
  // one spanned row ran out of memory. Past it the rows stay as long as their own cells.
  let padding = 0;
  for (const row of rows) padding += Math.max(0, columns - row.children.length);
  if (addedCells + padding <= MAX_ADDED_CELLS) {
    for (const row of rows) for (let cellIndex = row.children.length; cellIndex < columns; cellIndex++) row.children.push({ type: 'tableCell', children: [] });
  }
  return columns;
}

/** Whether the table has a head, and how its columns align (from the cells' `align`). */
function inspect(table: Element): { align: AlignType[]; headless: boolean } {
  const info: { align: AlignType[]; headless: boolean } = { align: [null], headless: true };
  let rowIndex = 0;
  let cellIndex = 0;
  // Preorder, as unist-util-visit walks; nested tables are not entered.
  const walk = (node: Element | Root): void => {
    for (const child of node.children as ElementContent[]) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'table') continue;
      visitElement(child);
      walk(child);
    }
  };
  const visitElement = (child: Element): void => {
    if ((child.tagName === 'th' || child.tagName === 'td') && child.properties) {
      if (!info.align[cellIndex]) {
        const value = String(child.properties.align || '') || null;
        if (value === 'center' || value === 'left' || value === 'right' || value === null) info.align[cellIndex] = value;
      }
      // A `th` in the first row means a header row.
      if (info.headless && rowIndex < 2 && child.tagName === 'th') info.headless = false;
      cellIndex++;
    } else if (child.tagName === 'thead') {
      // So does a `thead`.
      info.headless = false;
    } else if (child.tagName === 'tr') {
      rowIndex++;
      cellIndex = 0;
    }
  };
  visitElement(table);
  walk(table);
  return info;
}

function createCell(): RowContent {
  return { type: 'tableCell', children: [] };
}

function createRow(): TableContent {
  return { type: 'tableRow', children: [] };
}
