import { strToU8, zipSync } from 'fflate';

/**
 * A minimal Word document (the three parts Word needs) from paragraphs of text, for the tests
 * and the ingest benchmark: a `Label: value` paragraph gets a bold label run, as Nexis writes
 * its envelope; an empty string is an empty paragraph; `\f` is a page break.
 */
export function writeDocx(paragraphs: string[]): Uint8Array {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const run = (t: string, bold = false) =>
    `<w:r><w:rPr>${bold ? '<w:b/>' : ''}<w:sz w:val="20"/></w:rPr><w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
  const body = paragraphs
    .map((p) => {
      if (p === '\f') return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
      if (!p) return '<w:p/>';
      const label = /^([A-Z][A-Za-z-]+: )(.*)$/.exec(p);
      const runs = label ? run(label[1]!, true) + run(label[2]!) : run(p);
      return `<w:p><w:pPr><w:spacing w:before="80"/></w:pPr>${runs}</w:p>`;
    })
    .join('');
  const ns = 'http://schemas.openxmlformats.org';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${ns}/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}
