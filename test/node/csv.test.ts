import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, toCsv } from '../../src/shared/csv.js';

describe('CSV export', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
    assert.equal(csvCell('+cmd|/C calc!A0'), `"'+cmd|/C calc!A0"`);
    assert.equal(csvCell('-2+3'), `"'-2+3"`);
    assert.equal(csvCell('@SUM(A1)'), `"'@SUM(A1)"`);
    assert.equal(csvCell('\t=1'), `"'\t=1"`);
    assert.equal(csvCell('\r=1'), `"'\r=1"`);
  });

  it('leaves ordinary text alone, quoting commas, quotes and line breaks', () => {
    assert.equal(csvCell('Spam, links'), '"Spam, links"');
    assert.equal(csvCell('said "hi"\nthen left'), '"said ""hi""\nthen left"');
    assert.equal(csvCell('تعليق مزعج'), '"تعليق مزعج"');
    assert.equal(csvCell('a=b'), '"a=b"', 'only a formula sign at the start counts');
    assert.equal(csvCell(null), '""');
    assert.equal(csvCell(3), '"3"');
  });

  it('writes a header and rows with CRLF line ends', () => {
    assert.equal(toCsv(['a', 'b'], [['1', '=2']]), `"a","b"\r\n"1","'=2"\r\n`);
  });
});
