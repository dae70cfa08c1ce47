// npm run eval: asks the evaluation set (tests/eval/questions.yaml) and prints top-1 and top-3
// accuracy, the not-found accuracy, the median reply length in console lines, and every miss;
// then the same for the held-out sets (tests/eval/heldout*.yaml), each written by someone who saw
// only the report: how the answers do on questions nobody tuned for (see each file's header).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, formatReport, loadQuestions } from './score.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const main = await evaluate();
process.stdout.write(`${formatReport(main)}\n`);
for (const file of ['heldout.yaml', 'heldout2.yaml', 'heldout3.yaml', 'heldout4.yaml', 'heldout5.yaml']) {
  const heldout = await evaluate(loadQuestions(path.join(here, file)));
  process.stdout.write(`\nheld-out set (tests/eval/${file}):\n${formatReport(heldout)}\n`);
}
