/**
 * hast-util-to-mdast's `table` handler (10.1.3), ported for one reason: its look at a table's
 * cells (`inspect`) walks the whole table with unist-util-visit, which makes new closures on every
 * call, so V8 compiles that walk again for nearly every table of a page (70 times on the corpus).
 * This port walks with a plain loop and is otherwise the library's code. The corpus suite compares
 * it with the library on every page (milvus-html.ts, `libraryWhitespace`).
 */
import type { Element, ElementContent, Root } from 'hast';
import type { AlignType, RowContent, Table, TableContent, Text } from 'mdast';
import type { State } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';

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

  let columns = 1;
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex++) {
    const cells = rows[rowIndex]!.children;
    for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
      const cell = cells[cellIndex]!;
      if (!cell.data) continue;
      const fields = cell.data as Record<string, unknown>;
      const colSpan = Number.parseInt(String(fields.hastUtilToMdastTemporaryColSpan), 10) || 1;
      const rowSpan = Number.parseInt(String(fields.hastUtilToMdastTemporaryRowSpan), 10) || 1;
      if (colSpan > 1 || rowSpan > 1) {
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

  // Short rows get empty cells.
  for (const row of rows) for (let cellIndex = row.children.length; cellIndex < columns; cellIndex++) row.children.push({ type: 'tableCell', children: [] });
  for (let alignIndex = align.length; alignIndex < columns; alignIndex++) align.push(null);

  state.inTable = false;
  const result: Table = { type: 'table', align, children: rows };
  state.patch(node, result);
  return result;
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
