// `npm run eval:tagging`: precision and recall of the tagger on the labelled set in tests/tagging/cases.
import { SymbolDirectory } from '../server/tagging/directory.js';
import { Tagger } from '../server/tagging/tagger.js';
import { evaluate, formatReport } from '../tests/tagging/evaluate.js';

const report = evaluate(new Tagger(SymbolDirectory.fromFiles()));
console.log(formatReport(report));
